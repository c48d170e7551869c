package io.creditscoring.skew;

import io.creditscoring.model.portfolio.FeatureSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An edge value of one feature, with what the platform must make of it when ingestion stores it and when scoring
 * reads it, stated here by hand from the schema (never computed by the code under test).
 *
 * @param name what the value is, for failure messages
 * @param raw the raw value ({@link #ABSENT} when the feature is left out)
 * @param store the expectation for ingestion
 * @param score the expectation for scoring
 */
record Edge(String name, Object raw, Expect store, Expect score) {

    /** The feature left out of the payload (an empty cell in a CSV file). */
    static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "<absent>";
        }
    };

    /**
     * An expectation: refused, or accepted as a value (a Double for a number, the schema's spelling for a category,
     * null for missing).
     */
    record Expect(boolean accepted, Object value) {

        static final Expect REFUSED = new Expect(false, null);

        static Expect accepted(Object value) {
            return new Expect(true, value);
        }
    }

    /** The edge values of a feature, around one real value of the data set (a CSV cell). */
    static List<Edge> of(FeatureSpec f, String cell) {
        List<Edge> edges = new ArrayList<>();
        Expect missingStored = f.allowsMissing() ? Expect.accepted(null) : Expect.REFUSED;
        Expect missingScored = !f.feedsModel() || f.allowsMissing() ? Expect.accepted(null) : Expect.REFUSED;
        edges.add(new Edge("absent", ABSENT, missingStored, missingScored));
        for (Object missing : new Object[] {null, "", "   ", "NA", "na", " N/A ", "null", "NULL"}) {
            edges.add(new Edge("missing " + describe(missing), missing, missingStored, missingScored));
        }
        edges.add(both("a boolean", true, Expect.REFUSED));
        edges.add(both("NaN", Double.NaN, Expect.REFUSED));
        edges.add(both("the text NaN", " NaN ", Expect.REFUSED));
        edges.add(both("a list", List.of(cell), Expect.REFUSED));
        return f.isNumeric() ? numeric(f, cell, edges) : categorical(f, cell, edges);
    }

    private static List<Edge> numeric(FeatureSpec f, String cell, List<Edge> edges) {
        double real = Double.parseDouble(cell);
        Expect same = Expect.accepted(real);
        edges.add(both("the value", new BigDecimal(cell), same));
        edges.add(both("the value as a double", real, same));
        BigDecimal exact = new BigDecimal(cell);
        edges.add(
                both("the value written with a fraction (1.0)", exact.setScale(Math.max(1, exact.scale() + 1)), same));
        edges.add(new Edge("the value as text with blanks", " " + cell + " ", same, Expect.REFUSED));
        edges.add(new Edge("the value as text, scientific", real + "e0", same, Expect.REFUSED));
        edges.add(both("Infinity", Double.POSITIVE_INFINITY, Expect.REFUSED));
        edges.add(both("the text -inf", "-inf", Expect.REFUSED));
        edges.add(both("the text Infinity", "Infinity", Expect.REFUSED));
        edges.add(both("an integer beyond a double", BigInteger.TEN.pow(400), Expect.REFUSED));
        edges.add(both("a decimal beyond a double", new BigDecimal("1e400"), Expect.REFUSED));
        edges.add(both("text that is no number", "lots", Expect.REFUSED));
        edges.add(both("hexadecimal text", "0x1p3", Expect.REFUSED));
        edges.add(both("a thousands separator", "1,000", Expect.REFUSED));
        edges.add(both("a huge number", 1e300, f.max() == null ? Expect.accepted(1e300) : Expect.REFUSED));
        if (f.min() != null) {
            double min = f.min();
            edges.add(both("the minimum", integral(min), Expect.accepted(min)));
            edges.add(both("the minimum with decimals", BigDecimal.valueOf(min).setScale(2), Expect.accepted(min)));
            edges.add(new Edge("the minimum as text", " " + integral(min) + " ", Expect.accepted(min), Expect.REFUSED));
            edges.add(both("just below the minimum", Math.nextDown(min), Expect.REFUSED));
            edges.add(both("a cent below the minimum", min - 0.01, Expect.REFUSED));
        }
        if (f.max() != null) {
            double max = f.max();
            edges.add(both("the maximum", integral(max), Expect.accepted(max)));
            edges.add(both("the maximum as a double", max, Expect.accepted(max)));
            edges.add(both("just above the maximum", Math.nextUp(max), Expect.REFUSED));
        }
        if ((f.min() == null || f.min() <= 0) && (f.max() == null || f.max() >= 0)) {
            edges.add(both("negative zero", -0.0, Expect.accepted(0.0)));
            edges.add(new Edge("negative zero as text", "-0", Expect.accepted(0.0), Expect.REFUSED));
        }
        return edges;
    }

    private static List<Edge> categorical(FeatureSpec f, String cell, List<Edge> edges) {
        for (String c : f.categories()) {
            Expect same = Expect.accepted(c);
            edges.add(both("the category " + c, c, same));
            edges.add(both(
                    "the category " + c + " in lower case with blanks", " " + c.toLowerCase(Locale.ROOT) + " ", same));
            if (c.chars().allMatch(Character::isDigit)) {
                edges.add(both("the category " + c + " as an integer", Integer.valueOf(c), same));
                edges.add(both("the category " + c + " as 1.0", Double.valueOf(c), same));
                edges.add(both("the category " + c + " as text 1.0", c + ".0", same));
                edges.add(both("the category " + c + " with a leading zero", "0" + c, same));
                edges.add(both("the category " + c + " as a decimal 1.00", new BigDecimal(c).setScale(2), same));
            }
            edges.add(both("the category " + c + " with a tab", c + "\t", Expect.REFUSED));
        }
        edges.add(both("an unknown category", "ZZ9", Expect.REFUSED));
        edges.add(both("an unknown number", 99, Expect.REFUSED));
        edges.add(both("a fraction", 1.5, Expect.REFUSED));
        edges.add(both("Infinity", Double.POSITIVE_INFINITY, Expect.REFUSED));
        edges.add(both("the value as it is", cell, Expect.accepted(cell)));
        return edges;
    }

    private static Edge both(String name, Object raw, Expect expect) {
        return new Edge(name, raw, expect, expect);
    }

    /** An integral bound as a Long (as a client writes 18), otherwise as it is. */
    private static Object integral(double value) {
        return value == Math.rint(value) ? (Object) (long) value : (Object) value;
    }

    private static String describe(Object value) {
        return value == null ? "null" : "'" + value + "'";
    }

    @Override
    public String toString() {
        return name + " (" + (raw instanceof String s ? "'" + s + "'" : String.valueOf(raw)) + ")";
    }
}
