package io.creditscoring.drift.window;

import io.creditscoring.drift.DriftProperties;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The drift window each new scoring event joins as it is stored: a portfolio and model version's events fill one open
 * window, in the order they are stored, until it holds {@code drift.window.max-events}; it is then full, waits in
 * {@code full_windows} for its evaluation, and the next event opens a new one. An open window that grows old, or is
 * asked for, is closed by the {@link WindowEvaluator}.
 *
 * <p>The open window's row stays locked from {@link #join} until the storing transaction ends, and closing a window
 * takes the same lock: so a window is never closed while a transaction that put events in it is still running, and
 * its evaluation sees all of them.
 */
@Component
public class OpenWindows {

    private final JdbcClient jdbc;
    private final DriftProperties properties;

    OpenWindows(JdbcClient jdbc, DriftProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * The windows of {@code events} new events of a portfolio and model version, in the order they will be stored.
     * Runs in the caller's transaction, which must go on to store them; callers storing several portfolios or model
     * versions in one transaction join them in one order (portfolio, then version), so that two never deadlock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long[] join(String portfolio, int modelVersion, int events) {
        int maxEvents = properties.window().maxEvents();
        OpenWindow open = lockedOpenWindow(portfolio, modelVersion).orElse(null);
        long[] windows = new long[events];
        for (int i = 0; i < events; i++) {
            if (open != null && open.events() >= maxEvents) {
                fill(open, portfolio, modelVersion);
                open = null;
            }
            if (open == null) {
                open = new OpenWindow(nextWindowId(), 0, true);
            }
            windows[i] = open.windowId();
            open = open.plusOne();
        }
        if (open != null && open.events() >= maxEvents) {
            fill(open, portfolio, modelVersion);
            open = null;
        }
        save(portfolio, modelVersion, open);
        return windows;
    }

    /**
     * The open window's row, locked until the transaction ends; empty when the next event opens a new one. The
     * advisory lock first makes two transactions that find no row open one window between them, not one each.
     */
    private Optional<OpenWindow> lockedOpenWindow(String portfolio, int modelVersion) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))")
                .param("key", "drift-open-window:" + portfolio + ":" + modelVersion)
                .query((rs, n) -> n)
                .list();
        return jdbc.sql("""
                        select window_id, events from monitoring.open_windows
                        where portfolio = :portfolio and model_version = :version for update""")
                .param("portfolio", portfolio)
                .param("version", modelVersion)
                .query((rs, n) -> new OpenWindow(rs.getLong("window_id"), rs.getInt("events"), false))
                .optional();
    }

    private long nextWindowId() {
        return jdbc.sql("select nextval('monitoring.drift_window_ids')")
                .query(Long.class)
                .single();
    }

    /** A window at its maximum waits for its evaluation; its row, if it had one, goes. */
    private void fill(OpenWindow window, String portfolio, int modelVersion) {
        jdbc.sql("""
                        insert into monitoring.full_windows (window_id, portfolio, model_version)
                        values (:windowId, :portfolio, :version)""")
                .param("windowId", window.windowId())
                .param("portfolio", portfolio)
                .param("version", modelVersion)
                .update();
        if (!window.opened()) {
            jdbc.sql("delete from monitoring.open_windows where window_id = :windowId")
                    .param("windowId", window.windowId())
                    .update();
        }
    }

    /** Writes the window left open: inserted if this transaction opened it, its count updated otherwise. */
    private void save(String portfolio, int modelVersion, OpenWindow open) {
        if (open == null) {
            return;
        }
        if (open.opened()) {
            jdbc.sql("""
                            insert into monitoring.open_windows
                                (portfolio, model_version, window_id, events, first_received_at)
                            values (:portfolio, :version, :windowId, :events, now())""")
                    .param("portfolio", portfolio)
                    .param("version", modelVersion)
                    .param("windowId", open.windowId())
                    .param("events", open.events())
                    .update();
        } else {
            jdbc.sql("update monitoring.open_windows set events = :events where window_id = :windowId")
                    .param("events", open.events())
                    .param("windowId", open.windowId())
                    .update();
        }
    }

    /** @param opened whether this transaction opened it (it has no row yet) */
    private record OpenWindow(long windowId, int events, boolean opened) {
        OpenWindow plusOne() {
            return new OpenWindow(windowId, events + 1, opened);
        }
    }
}
