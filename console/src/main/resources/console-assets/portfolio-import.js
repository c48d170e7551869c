// CSV import with progress: sends the chosen file as the request body (text/csv) to the console, which streams it
// to ingestion; the upload's progress events drive the progress bar. No library, no inline script (the console's
// Content-Security-Policy allows scripts from its own origin only).
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

  function show(id, value) {
    document.getElementById(id).textContent = String(value);
  }

  function done(xhr) {
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
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Content-Type', 'text/csv');
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
      button.disabled = false;
      status.textContent = 'The console did not answer; importing the file again is safe.';
      status.className = 'problem';
    });
    button.disabled = true;
    result.hidden = true;
    status.className = '';
    status.textContent = 'Uploading.';
    xhr.send(chosen);
  });
})();
