package io.creditscoring.console.runs;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The start-run form's overrides: one {@code name=value} per line (blank lines and lines starting with # are
 * skipped), sent as the run's {@code params}. Numbers and true/false are sent as JSON numbers and booleans, anything
 * else as text; which names and values are valid is the training service's to say (its 400 names the parameter).
 */
final class OverrideLines {

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,15}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private OverrideLines() {}

    /** The overrides by name; a line that is not {@code name=value}, or a name given twice, is refused. */
    static Map<String, Object> parse(String text) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (text == null) {
            return params;
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || eq == line.length() - 1) {
                throw new IllegalArgumentException(
                        "line " + (i + 1) + " ('" + line + "') is not name=value, e.g. xgboost.maxDepth=4");
            }
            String name = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (params.put(name, value(value)) != null) {
                throw new IllegalArgumentException("line " + (i + 1) + " sets '" + name + "' a second time");
            }
        }
        return params;
    }

    private static Object value(String value) {
        if (INTEGER.matcher(value).matches()) {
            return Long.parseLong(value);
        }
        if (DECIMAL.matcher(value).matches()) {
            return Double.parseDouble(value);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.parseBoolean(lower);
        }
        return value;
    }
}
