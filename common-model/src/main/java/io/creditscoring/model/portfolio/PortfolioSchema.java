package io.creditscoring.model.portfolio;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * A credit product's data contract: which column identifies an application, which one holds the outcome, and
 * every feature with its type and allowed values. Read and checked by {@link PortfolioSchemaReader}.
 *
 * @param portfolio the portfolio id, for example {@code taiwan-cards}
 * @param description a human description of the product
 * @param idColumn the file column holding the application id; when absent ids are derived from the row number
 * @param target the outcome column and its default value
 * @param csv the layout of the portfolio's files (comma separated with a header row when absent)
 * @param features every feature, in file order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortfolioSchema(
        String portfolio,
        String description,
        String idColumn,
        TargetSpec target,
        CsvLayout csv,
        List<FeatureSpec> features) {

    public PortfolioSchema {
        features = features == null ? List.of() : List.copyOf(features);
    }

    public Optional<FeatureSpec> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The features that feed the model, in schema order. */
    @JsonIgnore
    public List<FeatureSpec> modelInputs() {
        return features.stream().filter(FeatureSpec::feedsModel).toList();
    }

    /** The protected attributes, monitored for fairness. */
    @JsonIgnore
    public List<FeatureSpec> protectedFeatures() {
        return features.stream().filter(FeatureSpec::isProtectedFeature).toList();
    }

    @JsonIgnore
    public CsvLayout csvLayout() {
        return csv == null ? CsvLayout.DEFAULT : csv;
    }
}
