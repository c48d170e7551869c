package io.creditscoring.console.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.stereotype.Component;

/**
 * Number formatting for templates ({@code ${@fmt.metric(m, 'auc')}}): a value the service left out or sent as
 * null shows as a dash, never as an error page.
 */
@Component("fmt")
public class Format {

    static final String MISSING = "–";

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A metric of a model view ({@code metrics: {auc: ...}}) with four decimals. */
    public String metric(Map<String, Object> model, String name) {
        return model != null && model.get("metrics") instanceof Map<?, ?> metrics
                ? decimal(metrics.get(name), 4)
                : MISSING;
    }

    public String decimal(Object value, int digits) {
        return value instanceof Number number
                ? String.format(Locale.ROOT, "%." + digits + "f", number.doubleValue())
                : MISSING;
    }

    /** An ISO-8601 instant as the services send it, to the second, in UTC; anything else as it came. */
    public String time(Object value) {
        if (value == null) {
            return MISSING;
        }
        try {
            return SECONDS.format(Instant.parse(value.toString()));
        } catch (DateTimeParseException e) {
            return value.toString();
        }
    }

    /** A search trial's own settings ({@code values}: flat name to value), or what trial 1 runs with. */
    public String settings(Object values) {
        if (!(values instanceof Map<?, ?> map) || map.isEmpty()) {
            return "the service's settings";
        }
        StringJoiner settings = new StringJoiner(", ");
        map.forEach((name, value) -> settings.add(name + "=" + value));
        return settings.toString();
    }

    /** A parity difference, in scientific notation. */
    public String small(Object value) {
        return value instanceof Number number ? String.format(Locale.ROOT, "%.1e", number.doubleValue()) : MISSING;
    }
}
