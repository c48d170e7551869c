package io.creditscoring.skew;

import io.creditscoring.model.CreditJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes raw values as a client would: JSON bodies and payloads, and CSV cells. */
final class Json {

    private Json() {}

    /** A scoring request body; NaN and the infinities as the literals scoring reads leniently. */
    static byte[] request(String applicationId, Map<String, Object> features) {
        return ("{\"applicationId\": " + string(applicationId) + ", \"features\": " + features(features, true) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A {@code credit.applications} payload; NaN and the infinities as strings, as Jackson writes them. */
    static String payload(String applicationId, String portfolio, Map<String, Object> features) {
        return "{\"applicationId\": " + string(applicationId) + ", \"portfolio\": " + string(portfolio)
                + ", \"features\": " + features(features, false) + "}";
    }

    /** A value as a CSV cell holds it: text; missing as the empty cell. */
    static String cell(Object raw) {
        if (raw == null || raw == Edge.ABSENT) {
            return "";
        }
        return raw instanceof BigDecimal d ? d.toString() : String.valueOf(raw);
    }

    private static String features(Map<String, Object> features, boolean literals) {
        List<String> members = new ArrayList<>();
        features.forEach((name, raw) -> {
            if (raw != Edge.ABSENT) {
                members.add(string(name) + ": " + value(raw, literals));
            }
        });
        return "{" + String.join(", ", members) + "}";
    }

    private static String value(Object raw, boolean literals) {
        return switch (raw) {
            case null -> "null";
            case String s -> string(s);
            case Double d when !Double.isFinite(d) -> literals ? d.toString() : string(d.toString());
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case List<?> list ->
                "["
                        + String.join(
                                ", ", list.stream().map(v -> value(v, literals)).toList()) + "]";
            default -> throw new IllegalArgumentException("no JSON for " + raw);
        };
    }

    private static String string(String text) {
        return CreditJson.json().writeValueAsString(text);
    }
}
