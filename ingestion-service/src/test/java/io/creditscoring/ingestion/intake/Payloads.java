package io.creditscoring.ingestion.intake;

import io.creditscoring.model.CreditJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds JSON payloads for the test portfolio, valid by default; each test changes what it checks. */
final class Payloads {

    static final String PORTFOLIO = "intake-test-loans";

    static final String SCHEMA = """
            portfolio: intake-test-loans
            target: {column: defaulted, positive: "1"}
            features:
              - {name: age, type: numeric, min: 18, max: 100}
              - {name: balance, type: numeric}
              - {name: sector, type: categorical, categories: [Retail, Farming]}
              - {name: income, type: numeric, min: 0, nullable: true}
            """;

    private final Map<String, Object> envelope = new LinkedHashMap<>();
    private final Map<String, Object> features = new LinkedHashMap<>();

    private Payloads(String applicationId) {
        envelope.put("applicationId", applicationId);
        envelope.put("portfolio", PORTFOLIO);
        envelope.put("submittedAt", "2026-11-24T10:00:00Z");
        features.put("age", 30);
        features.put("balance", 1200.5);
        features.put("sector", "Retail");
        features.put("income", 5000);
        envelope.put("features", features);
    }

    static Payloads application(String applicationId) {
        return new Payloads(applicationId);
    }

    static String outcome(String applicationId, Object defaulted) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("applicationId", applicationId);
        outcome.put("portfolio", PORTFOLIO);
        outcome.put("defaulted", defaulted);
        outcome.put("observedAt", "2027-05-01T00:00:00Z");
        return CreditJson.json().writeValueAsString(outcome);
    }

    Payloads feature(String name, Object value) {
        features.put(name, value);
        return this;
    }

    Payloads without(String feature) {
        features.remove(feature);
        return this;
    }

    Payloads field(String name, Object value) {
        envelope.put(name, value);
        return this;
    }

    Payloads withoutField(String name) {
        envelope.remove(name);
        return this;
    }

    String json() {
        return CreditJson.json().writeValueAsString(envelope);
    }
}
