package io.creditscoring.drift.window;

import io.creditscoring.drift.DriftProperties;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Topics;
import io.creditscoring.model.events.TrainingCommand;
import io.creditscoring.model.events.TrainingReason;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Decides whether a window's evidence becomes a DRIFT training command, and sends it. Guards against a retrain
 * storm: at most one command per window (the command id is derived from the window), none for a window smaller
 * than the minimum, and none while the portfolio's cooldown since its last request runs. Called inside the
 * window's transaction, which holds the portfolio's advisory lock, so two evaluations cannot both pass the
 * cooldown.
 */
@Component
class RetrainPolicy {

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, Object> kafka;
    private final DriftProperties properties;
    private final DriftMetrics metrics;
    private final Clock clock;

    RetrainPolicy(
            JdbcClient jdbc, KafkaTemplate<String, Object> kafka, DriftProperties properties, DriftMetrics metrics) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    /** How the explanation of a sent request starts; the rest says why (the report's verdict quotes it). */
    static final String REQUESTED = "requested: ";

    /** The outcome of the policy. */
    record Decision(boolean requested, String explanation) {}

    /**
     * @param reasons why the window calls for a retrain (empty: it does not)
     * @param evidence the window's numbers, sent in the command's details
     */
    Decision consider(
            String portfolio, long windowId, int currentRows, List<String> reasons, Map<String, Object> evidence) {
        if (reasons.isEmpty()) {
            return new Decision(false, "no retrain needed");
        }
        String why = String.join("; ", reasons);
        DriftProperties.Retrain retrain = properties.retrain();
        if (!retrain.enabled()) {
            return new Decision(false, "retrain requests disabled (" + why + ")");
        }
        if (currentRows < retrain.minWindowRows()) {
            return new Decision(
                    false,
                    "not requested: window of " + currentRows + " rows is below the minimum of "
                            + retrain.minWindowRows() + " (" + why + ")");
        }
        boolean alreadyRequested = jdbc.sql(
                        "select exists (select 1 from monitoring.retrain_requests where window_id = :w)")
                .param("w", windowId)
                .query(Boolean.class)
                .single();
        if (alreadyRequested) {
            return new Decision(true, "already requested for this window (" + why + ")");
        }
        Instant now = clock.instant();
        Optional<Timestamp> last = jdbc.sql("""
                        select max(requested_at) from monitoring.retrain_requests where portfolio = :portfolio""")
                .param("portfolio", portfolio)
                .query(Timestamp.class)
                .optional();
        if (last.isPresent()) {
            Instant until = last.get().toInstant().plus(retrain.cooldown());
            if (now.isBefore(until)) {
                return new Decision(false, "suppressed by the cooldown until " + until + " (" + why + ")");
            }
        }
        UUID commandId = UUID.nameUUIDFromBytes(
                ("drift-monitor:" + portfolio + ":window:" + windowId).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("windowId", windowId);
        details.put("reasons", reasons);
        details.putAll(evidence);
        jdbc.sql("""
                        insert into monitoring.retrain_requests (command_id, portfolio, window_id, requested_at, details)
                        values (:id, :portfolio, :windowId, :at, cast(:details as jsonb))""")
                .param("id", commandId)
                .param("portfolio", portfolio)
                .param("windowId", windowId)
                .param("at", Timestamp.from(now))
                .param("details", CreditJson.json().writeValueAsString(details))
                .update();
        TrainingCommand command = new TrainingCommand(
                commandId.toString(), portfolio, TrainingReason.DRIFT, "drift-monitor", now, details);
        send(command);
        metrics.retrainRequested(portfolio);
        return new Decision(true, REQUESTED + why + " (command " + commandId + ")");
    }

    private void send(TrainingCommand command) {
        try {
            kafka.send(Topics.TRAINING_COMMANDS, command.portfolio(), command).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending training command " + command.commandId(), e);
        } catch (ExecutionException | TimeoutException e) {
            // the transaction rolls back: the window is evaluated again on the next check
            throw new IllegalStateException("could not send training command " + command.commandId(), e);
        }
    }
}
