package io.creditscoring.scoring.decisionlog;

import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.events.Decision;
import io.creditscoring.model.events.ScoringEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A declined XGBoost decision of portfolio taiwan-cards, the event the decision-log tests publish. */
final class DecisionLogEvents {

    private DecisionLogEvents() {}

    static ScoringEvent event(String eventId, String applicationId) {
        return new ScoringEvent(
                eventId,
                applicationId,
                "taiwan-cards",
                1,
                Algorithm.XGBOOST,
                Map.of("PAY_0", 2.0),
                0.4,
                498,
                Decision.DECLINE,
                List.of(),
                120,
                Instant.now());
    }
}
