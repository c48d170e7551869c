package io.creditscoring.training.run;

import io.creditscoring.model.CreditJson;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.spark.DatasetSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queue of training runs, kept in {@code training.runs} so that it survives restarts and is shared by every
 * replica: a run is admitted QUEUED (within the bound), claimed by one worker (RUNNING, with a lease renewed by
 * heartbeats), and ends SUCCEEDED or FAILED; a run whose attempt was interrupted goes back to QUEUED, at the end of
 * the queue, until it has used its {@code training.queue.max-attempts}.
 */
@Component
class RunQueue {

    /** The key of the transaction-scoped advisory lock that serialises admissions (ASCII "trainq"). */
    private static final long ADMISSION_LOCK = 0x747261696e71L;

    private static final String LAST_ATTEMPT_PREFIX = "the run was interrupted on its last attempt (";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TrainingProperties.Queue settings;
    private final TrainingProperties.Worker worker;

    RunQueue(DataSource dataSource, TrainingProperties properties) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.settings = properties.queue();
        this.worker = properties.worker();
    }

    /** A run as asked for: by REST (no command id) or by a training command. */
    record NewRun(
            UUID runId,
            String portfolio,
            String reason,
            String requestedBy,
            String commandId,
            List<String> algorithms,
            Map<String, Object> overrides,
            String engine,
            DatasetSource source) {}

    /** A run taken back from a dead process: re-queued, or failed on its last attempt. */
    record Recovered(UUID runId, RunStatus status, int attempts, String interruption) {}

    /**
     * Records a run QUEUED, in one transaction with the check of its command id and of the bound, so that a command
     * counts as handled exactly when its run is stored. Admissions of all replicas take one advisory lock in turn:
     * the bound is exact, not approximate.
     *
     * @return false when a run for the same command id exists already (a replayed command)
     * @throws RunQueueFullException when {@code training.queue.max-queued} runs are waiting
     */
    boolean admit(NewRun run) {
        Boolean created = transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)")
                    .param(ADMISSION_LOCK)
                    .query((rs, i) -> true)
                    .single();
            if (run.commandId() != null
                    && jdbc.sql("select count(*) from training.runs where command_id = ?")
                                    .param(run.commandId())
                                    .query(Integer.class)
                                    .single()
                            > 0) {
                return false;
            }
            int queued = queued();
            if (queued >= settings.maxQueued()) {
                throw RunQueueFullException.of(queued, settings.maxQueued(), settings.retryAfter());
            }
            jdbc.sql("insert into training.experiments (portfolio) values (?) on conflict (portfolio) do nothing")
                    .param(run.portfolio())
                    .update();
            jdbc.sql("""
                            insert into training.runs (run_id, experiment_id, portfolio, status, reason, requested_by,
                                                       command_id, algorithms, overrides, engine, source_path,
                                                       source_format)
                            select ?, experiment_id, ?, 'QUEUED', ?, ?, ?, ?::text[], ?::jsonb, ?, ?, ?
                            from training.experiments where portfolio = ?
                            """)
                    .param(run.runId())
                    .param(run.portfolio())
                    .param(run.reason())
                    .param(run.requestedBy())
                    .param(run.commandId())
                    .param("{" + String.join(",", run.algorithms()) + "}")
                    .param(CreditJson.json().writeValueAsString(run.overrides() == null ? Map.of() : run.overrides()))
                    .param(run.engine())
                    .param(run.source() == null ? null : run.source().path())
                    .param(run.source() == null ? null : run.source().format())
                    .param(run.portfolio())
                    .update();
            return true;
        });
        return Boolean.TRUE.equals(created);
    }

    /** Runs waiting, on every replica. */
    int queued() {
        return jdbc.sql("select count(*) from training.runs where status = 'QUEUED'")
                .query(Integer.class)
                .single();
    }

    /**
     * Takes the run that has waited longest, if any: RUNNING, one more attempt, leased to {@code worker}. Rows
     * another worker is claiming at the same moment are skipped, not waited for.
     */
    Optional<RunClaim> claimNext(String workerName) {
        return jdbc.sql("""
                        update training.runs r
                           set status = 'RUNNING', attempts = r.attempts + 1, claimed_by = ?, heartbeat_at = now(),
                               started_at = now(), finished_at = null
                         where r.run_id = (select run_id from training.runs where status = 'QUEUED'
                                           order by queued_at, run_id limit 1 for update skip locked)
                        returning r.run_id, r.attempts
                        """)
                .param(workerName)
                .query((rs, i) -> new RunClaim(rs.getObject("run_id", UUID.class), rs.getInt("attempts"), workerName))
                .optional();
    }

    /** Renews the claim's lease; false when the claim is no longer held (the run was taken back or finished). */
    boolean heartbeat(RunClaim claim) {
        return jdbc.sql("update training.runs set heartbeat_at = now()"
                                + " where run_id = ? and attempts = ? and status = 'RUNNING'")
                        .params(claim.runId(), claim.attempt())
                        .update()
                == 1;
    }

    /**
     * Ends an interrupted attempt: the run goes back to the end of the queue, or, when this was its last attempt,
     * fails with the reason.
     *
     * @return the run's new status, or empty when the claim was no longer held
     */
    Optional<RunStatus> handBack(RunClaim claim, String why) {
        boolean last = claim.attempt() >= settings.maxAttempts();
        String interruption = "attempt " + claim.attempt() + " of " + settings.maxAttempts() + " interrupted: " + why;
        int updated = jdbc.sql("""
                        update training.runs
                           set status = ?, last_interruption = ?, failure_reason = ?,
                               finished_at = case when ? then now() end, queued_at = now(),
                               claimed_by = null, heartbeat_at = null
                         where run_id = ? and attempts = ? and status = 'RUNNING'
                        """)
                .params(
                        last ? "FAILED" : "QUEUED",
                        interruption,
                        last ? LAST_ATTEMPT_PREFIX + interruption + ")" : null,
                        last,
                        claim.runId(),
                        claim.attempt())
                .update();
        return updated == 1 ? Optional.of(last ? RunStatus.FAILED : RunStatus.QUEUED) : Optional.empty();
    }

    /**
     * Gives back a run claimed just as the worker was stopping, before anything of it ran: QUEUED again, in its place,
     * without counting the attempt.
     */
    boolean release(RunClaim claim) {
        return jdbc.sql("""
                                update training.runs
                                   set status = 'QUEUED', attempts = attempts - 1, claimed_by = null,
                                       heartbeat_at = null, started_at = null
                                 where run_id = ? and attempts = ? and status = 'RUNNING'
                                """).params(claim.runId(), claim.attempt()).update() == 1;
    }

    /**
     * Takes back the runs of dead processes: RUNNING with a lease older than {@code training.worker.lease-timeout}.
     * Each is re-queued, or failed when it has used its last attempt. Safe to call from every replica at once.
     */
    List<Recovered> recoverAbandoned() {
        return jdbc.sql("""
                        with abandoned as (
                            select run_id, attempts >= ? as last, format(
                                       'attempt %s of %s interrupted: the process running it (%s) stopped renewing'
                                       || ' its lease (last renewed %s)',
                                       attempts, ?, coalesce(claimed_by, 'unknown'),
                                       coalesce(to_char(heartbeat_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                                'never')) as interruption
                              from training.runs
                             where status = 'RUNNING'
                               and coalesce(heartbeat_at, '-infinity') < now() - make_interval(secs => ?)
                             for update skip locked)
                        update training.runs r
                           set status = case when a.last then 'FAILED' else 'QUEUED' end,
                               last_interruption = a.interruption,
                               failure_reason = case when a.last then ? || a.interruption || ')' end,
                               finished_at = case when a.last then now() end,
                               queued_at = now(), claimed_by = null, heartbeat_at = null
                          from abandoned a
                         where r.run_id = a.run_id
                        returning r.run_id, r.status, r.attempts, r.last_interruption
                        """)
                .params(
                        settings.maxAttempts(),
                        settings.maxAttempts(),
                        worker.leaseTimeout().toMillis() / 1000.0,
                        LAST_ATTEMPT_PREFIX)
                .query((rs, i) -> new Recovered(
                        rs.getObject("run_id", UUID.class),
                        RunStatus.valueOf(rs.getString("status")),
                        rs.getInt("attempts"),
                        rs.getString("last_interruption")))
                .list();
    }
}
