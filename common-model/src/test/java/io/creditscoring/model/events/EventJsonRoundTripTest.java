package io.creditscoring.model.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.CreditJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventJsonRoundTripTest {

    private static final Instant AT = Instant.parse("2026-11-24T10:15:30.123Z");

    @Test
    void applicationRoundTripsWithMixedFeatureValues() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("LIMIT_BAL", 20000);
        features.put("EDUCATION", "2");
        features.put("income", null);
        var event = new LoanApplicationEvent("app-1", "taiwan-cards", AT, features);

        assertThat(roundTrip(event, LoanApplicationEvent.class)).isEqualTo(event);
        JsonNode json = CreditJson.json().readTree(CreditJson.json().writeValueAsString(event));
        assertThat(json.get("submittedAt").asString()).isEqualTo("2026-11-24T10:15:30.123Z");
        assertThat(json.get("features").get("LIMIT_BAL").asInt()).isEqualTo(20000);
    }

    @Test
    void outcomeRoundTrips() {
        var event = new LoanOutcomeEvent("app-1", "german-loans", true, AT);
        assertThat(roundTrip(event, LoanOutcomeEvent.class)).isEqualTo(event);
    }

    @Test
    void scoringEventRoundTrips() {
        var event = new ScoringEvent(
                "evt-1",
                "app-1",
                "taiwan-cards",
                3,
                Algorithm.XGBOOST,
                Map.of("PAY_0", 2),
                0.4213,
                571,
                Decision.DECLINE,
                List.of(new ReasonCode("PAY_0", "Recent payment delay", 0.83)),
                412,
                AT);
        assertThat(roundTrip(event, ScoringEvent.class)).isEqualTo(event);
    }

    @Test
    void scoringEventWithoutShadowHasNoShadowFieldAndOneWithItRoundTrips() {
        var event = new ScoringEvent(
                "evt-2",
                "app-2",
                "taiwan-cards",
                3,
                Algorithm.XGBOOST,
                Map.of("PAY_0", 2),
                0.4213,
                571,
                Decision.DECLINE,
                List.of(),
                412,
                AT);
        JsonNode plain = CreditJson.json().readTree(CreditJson.json().writeValueAsString(event));
        assertThat(plain.has("shadow")).isFalse();
        assertThat(event.shadow()).isNull();

        var shadowed = event.withShadow(new ShadowScore(4, 0.0812, 672, Decision.APPROVE));
        assertThat(roundTrip(shadowed, ScoringEvent.class)).isEqualTo(shadowed);
        JsonNode json = CreditJson.json().readTree(CreditJson.json().writeValueAsString(shadowed));
        assertThat(json.get("shadow").propertyNames())
                .containsExactly("modelVersion", "probabilityOfDefault", "score", "decision");
        assertThat(json.get("shadow").get("modelVersion").asInt()).isEqualTo(4);
        assertThat(json.get("shadow").get("decision").asString()).isEqualTo("APPROVE");
        assertThat(json.get("eventId").asString()).isEqualTo("evt-2");
    }

    @Test
    void scoringEventOfAnOlderProducerReadsWithoutShadow() {
        ScoringEvent event = CreditJson.json().readValue("""
                {"eventId":"e","applicationId":"a","portfolio":"p","modelVersion":1,"algorithm":"XGBOOST",
                 "features":{"PAY_0":2},"probabilityOfDefault":0.2,"score":600,"decision":"REFER","reasons":[],
                 "latencyMicros":10,"scoredAt":"2026-01-01T00:00:00Z"}
                """, ScoringEvent.class);
        assertThat(event.shadow()).isNull();
        assertThat(event.decision()).isEqualTo(Decision.REFER);
    }

    @Test
    void trainingCommandRoundTripsAndReadsLowerCaseReason() {
        var command = new TrainingCommand(
                "cmd-1", "taiwan-cards", TrainingReason.DRIFT, "drift-monitor", AT, Map.of("windowId", "w-9"));
        assertThat(roundTrip(command, TrainingCommand.class)).isEqualTo(command);

        TrainingCommand lower = CreditJson.json().readValue("""
                {"commandId":"c","portfolio":"p","reason":"manual","requestedBy":"ops","requestedAt":"2026-11-24T00:00:00Z"}
                """, TrainingCommand.class);
        assertThat(lower.reason()).isEqualTo(TrainingReason.MANUAL);
    }

    @Test
    void modelEventRoundTripsWithContractFieldNames() {
        var event = new ModelEvent("taiwan-cards", 7, "champion", ModelEventType.PROMOTED, AT);
        assertThat(roundTrip(event, ModelEvent.class)).isEqualTo(event);

        JsonNode json = CreditJson.json().readTree(CreditJson.json().writeValueAsString(event));
        assertThat(json.propertyNames()).containsExactlyInAnyOrder("portfolio", "modelVersion", "alias", "event", "at");
        assertThat(json.get("event").asString()).isEqualTo("PROMOTED");
    }

    @Test
    void ignoresFieldsAddedByNewerProducers() {
        LoanOutcomeEvent event = CreditJson.json().readValue("""
                {"applicationId":"a","portfolio":"p","defaulted":false,"observedAt":"2026-01-01T00:00:00Z","source":"x"}
                """, LoanOutcomeEvent.class);
        assertThat(event.defaulted()).isFalse();
    }

    private static <T> T roundTrip(T value, Class<T> type) {
        return CreditJson.json().readValue(CreditJson.json().writeValueAsString(value), type);
    }
}
