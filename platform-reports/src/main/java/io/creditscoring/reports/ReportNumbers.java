package io.creditscoring.reports;

import java.util.Locale;

/**
 * How the reports print numbers, available to every template as {@code fmt}: always {@link Locale#ROOT} (a report
 * reads the same on every server), and a dash or "n/a" instead of "NaN".
 */
public final class ReportNumbers {

    /** The one instance (the class holds no state); templates know it as {@code fmt}. */
    public static final ReportNumbers INSTANCE = new ReportNumbers();

    private ReportNumbers() {}

    /** A metric to four decimals ({@code 0.7831}), whole numbers from 100 on; "n/a" for NaN. */
    public String metric(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : "%.4f", value);
    }

    /** {@code part / whole} as a {@link #metric}. */
    public String share(long part, long whole) {
        return metric(part / (double) whole);
    }

    /** A statistic to four significant digits ({@code 0.01261}, {@code 7.126e+05}); a dash for none or NaN. */
    public String significant(Double value) {
        if (value == null || Double.isNaN(value)) {
            return "\u2013";
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }

    /** A share as a percentage with one decimal: {@code 0.1304} is "13.0%". */
    public String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** A share as a whole percentage: {@code 0.5} is "50%". */
    public String wholePercent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** A number written as text (fit details) in scientific notation, {@code 5.75e-06}; other text as it is. */
    public String scientific(String number) {
        if (number == null) {
            return "n/a";
        }
        try {
            return String.format(Locale.ROOT, "%.2e", Double.parseDouble(number));
        } catch (NumberFormatException e) {
            return number;
        }
    }

    /** A whole number, rounded: durations in ms. */
    public String whole(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
