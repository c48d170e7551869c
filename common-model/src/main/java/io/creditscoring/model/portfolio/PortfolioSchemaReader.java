package io.creditscoring.model.portfolio;

import io.creditscoring.model.CreditJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;

/**
 * Reads a portfolio schema from YAML or JSON and checks it, reporting every fault at once so that a schema
 * author can fix them in one go.
 */
public final class PortfolioSchemaReader {

    private static final Pattern PORTFOLIO_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private PortfolioSchemaReader() {}

    /** Reads and validates a schema given as YAML or JSON text. */
    public static PortfolioSchema read(String text) {
        if (text == null || text.isBlank()) {
            throw InvalidPortfolioSchemaException.unreadable("the schema is empty");
        }
        PortfolioSchema schema;
        try {
            schema = CreditJson.yaml().readValue(text, PortfolioSchema.class);
        } catch (JacksonException e) {
            throw InvalidPortfolioSchemaException.unreadable(describe(e));
        }
        if (schema == null) {
            throw InvalidPortfolioSchemaException.unreadable("the schema is empty");
        }
        validate(schema);
        return schema;
    }

    /** Reads a schema bundled on the classpath, such as {@code portfolios/taiwan-cards.yaml}. */
    public static PortfolioSchema readResource(String resource) {
        try (InputStream in = PortfolioSchemaReader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no portfolio schema on the classpath at '" + resource + "'");
            }
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read portfolio schema '" + resource + "'", e);
        }
    }

    /** Checks a schema built in code; throws with every fault found. */
    public static void validate(PortfolioSchema schema) {
        List<SchemaViolation> faults = new ArrayList<>();
        if (schema.portfolio() == null
                || !PORTFOLIO_ID.matcher(schema.portfolio()).matches()) {
            faults.add(new SchemaViolation(
                    "portfolio",
                    "must be 1-63 lower-case letters, digits or dashes, got '" + schema.portfolio() + "'"));
        }
        checkTarget(schema, faults);
        checkFeatures(schema, faults);
        checkCsv(schema, faults);
        if (!faults.isEmpty()) {
            throw new InvalidPortfolioSchemaException(faults);
        }
    }

    private static void checkTarget(PortfolioSchema schema, List<SchemaViolation> faults) {
        TargetSpec target = schema.target();
        if (target == null) {
            faults.add(new SchemaViolation("target", "is missing: say which column holds the outcome"));
            return;
        }
        if (blank(target.column())) {
            faults.add(new SchemaViolation("target.column", "is missing"));
        }
        if (blank(target.positive())) {
            faults.add(new SchemaViolation("target.positive", "is missing: say which value means default"));
        }
        if (!blank(target.column()) && schema.feature(target.column()).isPresent()) {
            faults.add(new SchemaViolation("target.column", "'" + target.column() + "' is also declared as a feature"));
        }
        if (!blank(schema.idColumn()) && schema.feature(schema.idColumn()).isPresent()) {
            faults.add(new SchemaViolation("idColumn", "'" + schema.idColumn() + "' is also declared as a feature"));
        }
    }

    private static void checkFeatures(PortfolioSchema schema, List<SchemaViolation> faults) {
        if (schema.features().isEmpty()) {
            faults.add(new SchemaViolation("features", "must declare at least one feature"));
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < schema.features().size(); i++) {
            FeatureSpec f = schema.features().get(i);
            String at = "features[" + i + "]";
            if (f == null) {
                faults.add(new SchemaViolation(at, "is empty"));
                continue;
            }
            if (blank(f.name())) {
                faults.add(new SchemaViolation(at + ".name", "is missing"));
            } else if (!names.add(f.name())) {
                faults.add(new SchemaViolation(at + ".name", "duplicate feature '" + f.name() + "'"));
            }
            if (f.type() == null) {
                faults.add(new SchemaViolation(at + ".type", "is missing: numeric or categorical"));
            } else if (f.isNumeric()) {
                checkNumeric(f, at, faults);
            } else {
                checkCategorical(f, at, faults);
            }
        }
        if (schema.modelInputs().isEmpty()) {
            faults.add(new SchemaViolation("features", "no feature is a model input (all are protected)"));
        }
    }

    private static void checkNumeric(FeatureSpec f, String at, List<SchemaViolation> faults) {
        if (f.min() != null && f.max() != null && f.min() > f.max()) {
            faults.add(new SchemaViolation(at + ".min", "min " + f.min() + " is above max " + f.max()));
        }
        if ((f.min() != null && !Double.isFinite(f.min())) || (f.max() != null && !Double.isFinite(f.max()))) {
            faults.add(new SchemaViolation(at, "min and max must be finite numbers"));
        }
        if (f.categories() != null) {
            faults.add(new SchemaViolation(at + ".categories", "a numeric feature takes no categories"));
        }
    }

    private static void checkCategorical(FeatureSpec f, String at, List<SchemaViolation> faults) {
        if (f.categories() == null || f.categories().isEmpty()) {
            faults.add(new SchemaViolation(at + ".categories", "a categorical feature needs at least one category"));
        } else {
            Set<String> seen = new HashSet<>();
            for (String c : f.categories()) {
                if (blank(c)) {
                    faults.add(new SchemaViolation(at + ".categories", "contains an empty category"));
                } else if (!seen.add(c.trim().toLowerCase(java.util.Locale.ROOT))) {
                    faults.add(new SchemaViolation(at + ".categories", "duplicate category '" + c + "'"));
                }
            }
        }
        if (f.min() != null || f.max() != null) {
            faults.add(new SchemaViolation(at, "a categorical feature takes no min or max"));
        }
        if (f.monotone() != null) {
            faults.add(new SchemaViolation(at + ".monotone", "only numeric features can be monotone"));
        }
    }

    private static void checkCsv(PortfolioSchema schema, List<SchemaViolation> faults) {
        CsvLayout csv = schema.csvLayout();
        if (csv.delimiter().length() != 1) {
            faults.add(
                    new SchemaViolation("csv.delimiter", "must be a single character, got '" + csv.delimiter() + "'"));
        }
        if (!csv.hasHeader()) {
            if (csv.columns().isEmpty()) {
                faults.add(new SchemaViolation("csv.columns", "files without a header row need the column names"));
                return;
            }
            Set<String> columns = new HashSet<>(csv.columns());
            for (FeatureSpec f : schema.features()) {
                if (f != null && f.name() != null && !columns.contains(f.name())) {
                    faults.add(new SchemaViolation("csv.columns", "feature '" + f.name() + "' has no column"));
                }
            }
            if (schema.target() != null
                    && schema.target().column() != null
                    && !columns.contains(schema.target().column())) {
                faults.add(new SchemaViolation(
                        "csv.columns", "target column '" + schema.target().column() + "' is not listed"));
            }
        }
    }

    private static String describe(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String why = e.getOriginalMessage();
        int cut = why.indexOf('\n');
        why = cut > 0 ? why.substring(0, cut) : why;
        return path.isEmpty() ? "unreadable schema: " + why : "unreadable value at " + path + ": " + why;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
