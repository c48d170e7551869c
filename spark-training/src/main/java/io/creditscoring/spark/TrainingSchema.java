package io.creditscoring.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of a portfolio schema (common-model's {@code PortfolioSchema} as JSON) that training needs. Read here
 * rather than through common-model, which targets Java 25; this job runs on Java 17.
 *
 * @param portfolio the portfolio
 * @param features every feature, in schema order
 * @param idColumn the file column holding the application id (null when the schema has none)
 * @param targetColumn the file column holding the outcome (null when the schema has none)
 * @param targetPositive the outcome's value, as written in a file, that marks a default
 * @param csv how the portfolio's CSV files are laid out
 */
public record TrainingSchema(
        String portfolio,
        List<Feature> features,
        String idColumn,
        String targetColumn,
        String targetPositive,
        CsvLayout csv) {

    /**
     * common-model's {@code CsvLayout}: the field separator, whether a header row names the columns, and else the
     * column names in order.
     */
    public record CsvLayout(String delimiter, boolean header, List<String> columns) {}

    /**
     * One feature.
     *
     * @param name the feature name
     * @param numeric numeric, else categorical
     * @param categories the schema's categories of a categorical feature, in order
     * @param feedsModel whether it is a model input (unprotected, or protected with a governed exception)
     * @param monotone +1 when risk increases with a numeric feature, -1 when it decreases, 0 when unknown
     */
    public record Feature(String name, boolean numeric, List<String> categories, boolean feedsModel, int monotone) {}

    /** The feature of that name. */
    public Feature feature(String name) {
        return features.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no feature '" + name + "' in the schema"));
    }

    public List<Feature> modelInputs() {
        return features.stream().filter(Feature::feedsModel).toList();
    }

    public static TrainingSchema read(Path file) {
        try {
            return parse(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the portfolio schema " + file, e);
        }
    }

    static TrainingSchema parse(JsonNode schema) {
        List<Feature> features = new ArrayList<>();
        for (JsonNode f : schema.path("features")) {
            String name = f.path("name").asText();
            boolean numeric = "numeric".equals(f.path("type").asText().toLowerCase(Locale.ROOT));
            List<String> categories = new ArrayList<>();
            f.path("categories").forEach(c -> categories.add(c.asText()));
            boolean isProtected = f.path("protected").asBoolean(false);
            JsonNode modelInput = f.get("modelInput");
            boolean feeds = modelInput != null && !modelInput.isNull() ? modelInput.asBoolean() : !isProtected;
            String monotone = f.path("monotone").asText("").toLowerCase(Locale.ROOT);
            int direction = monotone.equals("increasing") ? 1 : monotone.equals("decreasing") ? -1 : 0;
            features.add(new Feature(name, numeric, List.copyOf(categories), feeds, direction));
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("the portfolio schema has no features");
        }
        JsonNode csv = schema.path("csv");
        List<String> columns = new ArrayList<>();
        csv.path("columns").forEach(c -> columns.add(c.asText()));
        CsvLayout layout = new CsvLayout(
                csv.path("delimiter").asText(","), csv.path("header").asBoolean(true), List.copyOf(columns));
        JsonNode target = schema.path("target");
        return new TrainingSchema(
                schema.path("portfolio").asText(),
                List.copyOf(features),
                text(schema.path("idColumn")),
                text(target.path("column")),
                text(target.path("positive")),
                layout);
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
