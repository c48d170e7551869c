// CSV import with progress: sends the chosen file as the request body (text/csv) to the console, which streams it
// to ingestion; the upload's progress events drive the progress bar. The import is named by an X-Import-Id made
// here, and while it runs the rows ingestion has counted are polled every second from the console (which asks
// ingestion's GET .../imports/{importId}). No library, no inline script (the console's Content-Security-Policy
// allows scripts from its own origin only).
(function () {
  'use strict';
  const form = document.getElementById('import-form');
  if (!form) {
    return;
  }
  const file = document.getElementById('csv-file');
  const progress = document.getElementById('import-progress');
  const status = document.getElementById('import-status');
  const result = document.getElementById('import-result');
  const button = document.getElementById('import');

  const counted = document.getElementById('import-counted');
  let polling = null;

  function show(id, value) {
    document.getElementById(id).textContent = String(value);
  }

  // a version-4 UUID from the browser's random source (crypto.randomUUID needs a secure context; this does not)
  function newImportId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, function (b) {
      return b.toString(16).padStart(2, '0');
    }).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' +
      hex.slice(20);
  }

  function showCounted(record) {
    show('import-counted-rows', record.rowsRead);
    show('import-counted-applications', record.applicationsPublished);
    show('import-counted-rejected', record.rejectedCount);
    counted.hidden = false;
  }

  // 404 until ingestion has begun the import: keep asking; any other refusal stops the polling quietly
  function follow(url) {
    polling = window.setInterval(function () {
      fetch(url, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
        .then(function (response) {
          if (response.status === 404) {
            return null;
          }
          if (!response.ok) {
            stopFollowing();
            return null;
          }
          return response.json();
        })
        .then(function (record) {
          if (record && polling !== null) {
            showCounted(record);
          }
        })
        .catch(function () {
          stopFollowing();
        });
    }, 1000);
  }

  function stopFollowing() {
    if (polling !== null) {
      window.clearInterval(polling);
      polling = null;
    }
  }

  function done(xhr) {
    stopFollowing();
    button.disabled = false;
    let answer = {};
    try {
      answer = JSON.parse(xhr.responseText);
    } catch (e) {
      answer = {};
    }
    if (xhr.status === 401) {
      window.location.assign('/sign-in?expired');
      return;
    }
    if (xhr.status !== 200) {
      status.textContent = 'Refused (' + xhr.status + '): ' + (answer.detail || answer.title || 'no detail');
      status.className = 'problem';
      return;
    }
    progress.value = progress.max;
    status.textContent = 'Imported.';
    status.className = 'notice';
    show('import-id', answer.importId);
    showCounted({
      rowsRead: answer.rowsRead,
      applicationsPublished: answer.applicationsPublished,
      rejectedCount: (answer.rejected || []).length
    });
    show('import-rows', answer.rowsRead);
    show('import-applications', answer.applicationsPublished);
    show('import-outcomes', answer.outcomesPublished);
    const rejected = answer.rejected || [];
    show('import-rejected', rejected.length);
    const list = document.getElementById('import-rejections');
    list.replaceChildren();
    rejected.slice(0, 20).forEach(function (r) {
      const item = document.createElement('li');
      item.textContent = 'row ' + r.row + ': ' + r.message;
      list.appendChild(item);
    });
    result.hidden = false;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) {
      return;
    }
    const importId = newImportId();
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('X-Import-Id', importId);
    xhr.setRequestHeader(form.dataset.csrfHeader, form.querySelector('input[name="_csrf"]').value);
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        progress.max = e.total;
        progress.value = e.loaded;
        status.textContent = 'Uploading: ' + Math.round((100 * e.loaded) / e.total) + ' %';
      }
    });
    xhr.upload.addEventListener('load', function () {
      status.textContent = 'Uploaded; ingestion is publishing the last rows.';
    });
    xhr.addEventListener('load', function () {
      done(xhr);
    });
    xhr.addEventListener('error', function () {
      stopFollowing();
      button.disabled = false;
      status.textContent = 'The console did not answer; importing the file again is safe.';
      status.className = 'problem';
    });
    button.disabled = true;
    result.hidden = true;
    status.className = '';
    status.textContent = 'Uploading.';
    counted.hidden = true;
    xhr.send(chosen);
    follow(form.action.replace(/\/?$/, '/') + encodeURIComponent(importId));
  });
})();
