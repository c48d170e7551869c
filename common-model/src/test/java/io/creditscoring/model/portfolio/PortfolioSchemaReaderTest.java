package io.creditscoring.model.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortfolioSchemaReaderTest {

    private static final String VALID = """
            portfolio: demo-loans
            idColumn: id
            target: {column: bad, positive: "1"}
            features:
              - {name: duration, type: numeric, min: 1, max: 120, monotone: increasing, reason: "Long duration"}
              - {name: housing, type: categorical, categories: [own, rent], reason: "Housing"}
              - {name: age, type: numeric, min: 18, max: 100, protected: true}
              - {name: income, type: numeric, nullable: true}
            """;

    @Test
    void readsAValidYamlSchema() {
        PortfolioSchema schema = PortfolioSchemaReader.read(VALID);

        assertThat(schema.portfolio()).isEqualTo("demo-loans");
        assertThat(schema.target()).isEqualTo(new TargetSpec("bad", "1"));
        assertThat(schema.features())
                .extracting(FeatureSpec::name)
                .containsExactly("duration", "housing", "age", "income");
        assertThat(schema.feature("duration").orElseThrow().monotone()).isEqualTo(Monotonicity.INCREASING);
        assertThat(schema.feature("income").orElseThrow().allowsMissing()).isTrue();
        assertThat(schema.csvLayout()).isEqualTo(CsvLayout.DEFAULT);
    }

    @Test
    void keepsProtectedAttributesOutOfModelInputsUnlessAsked() {
        PortfolioSchema schema = PortfolioSchemaReader.read(VALID);
        assertThat(schema.modelInputs()).extracting(FeatureSpec::name).doesNotContain("age");
        assertThat(schema.protectedFeatures()).extracting(FeatureSpec::name).containsExactly("age");

        PortfolioSchema optedIn =
                PortfolioSchemaReader.read(VALID.replace("protected: true", "protected: true, modelInput: true"));
        assertThat(optedIn.modelInputs()).extracting(FeatureSpec::name).contains("age");
    }

    @Test
    void readsJsonToo() {
        PortfolioSchema schema = PortfolioSchemaReader.read("""
                {"portfolio": "json-loans", "target": {"column": "y", "positive": "yes"},
                 "features": [{"name": "amount", "type": "NUMERIC"}], "someFutureKey": 1}
                """);
        assertThat(schema.features())
                .singleElement()
                .extracting(FeatureSpec::type)
                .isEqualTo(FeatureType.NUMERIC);
    }

    @Test
    void rejectsUnknownFeatureTypeNamingThePath() {
        assertThatThrownBy(() -> PortfolioSchemaReader.read(VALID.replace("type: categorical", "type: text")))
                .isInstanceOf(InvalidPortfolioSchemaException.class)
                .hasMessageContaining("features[1].type")
                .hasMessageContaining("text");
    }

    @Test
    void rejectsDuplicateFeature() {
        assertThat(violations(VALID.replace("name: income", "name: duration")))
                .contains(new SchemaViolation("features[3].name", "duplicate feature 'duration'"));
    }

    @Test
    void rejectsMissingTarget() {
        assertThat(violations(VALID.replace("target: {column: bad, positive: \"1\"}\n", "")))
                .extracting(SchemaViolation::field)
                .contains("target");
    }

    @Test
    void rejectsTargetWithoutPositiveValue() {
        assertThat(violations(VALID.replace(", positive: \"1\"", "")))
                .extracting(SchemaViolation::field)
                .contains("target.positive");
    }

    @Test
    void rejectsEmptyCategories() {
        assertThat(violations(VALID.replace("categories: [own, rent]", "categories: []")))
                .extracting(SchemaViolation::field)
                .contains("features[1].categories");
    }

    @Test
    void rejectsDuplicateCategoryIgnoringCase() {
        assertThat(violations(VALID.replace("categories: [own, rent]", "categories: [own, OWN]")))
                .extracting(SchemaViolation::message)
                .contains("duplicate category 'OWN'");
    }

    @Test
    void rejectsMinAboveMax() {
        assertThat(violations(VALID.replace("min: 1, max: 120", "min: 130, max: 120")))
                .extracting(SchemaViolation::field)
                .contains("features[0].min");
    }

    @Test
    void rejectsBadPortfolioId() {
        assertThat(violations(VALID.replace("portfolio: demo-loans", "portfolio: Demo Loans")))
                .extracting(SchemaViolation::field)
                .contains("portfolio");
    }

    @Test
    void rejectsMonotoneCategoricalFeature() {
        assertThat(violations(
                        VALID.replace("categories: [own, rent]", "categories: [own, rent], monotone: increasing")))
                .extracting(SchemaViolation::field)
                .contains("features[1].monotone");
    }

    @Test
    void rejectsSchemaWithoutModelInputs() {
        String allProtected = """
                portfolio: p
                target: {column: y, positive: "1"}
                features:
                  - {name: age, type: numeric, protected: true}
                """;
        assertThat(violations(allProtected)).extracting(SchemaViolation::field).contains("features");
    }

    @Test
    void rejectsHeaderlessCsvMissingColumns() {
        String schema = VALID + "csv: {delimiter: \";\", header: false, columns: [id, duration, housing, bad]}\n";
        assertThat(violations(schema))
                .extracting(SchemaViolation::message)
                .contains("feature 'age' has no column", "feature 'income' has no column");
    }

    @Test
    void rejectsMultiCharacterDelimiter() {
        assertThat(violations(VALID + "csv: {delimiter: \"::\"}\n"))
                .extracting(SchemaViolation::field)
                .contains("csv.delimiter");
    }

    @Test
    void rejectsEmptyAndMalformedText() {
        assertThatThrownBy(() -> PortfolioSchemaReader.read("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> PortfolioSchemaReader.read("portfolio: [unclosed"))
                .isInstanceOf(InvalidPortfolioSchemaException.class);
    }

    @Test
    void reportsEveryFaultAtOnce() {
        String broken = """
                portfolio: x
                features:
                  - {name: a, type: categorical}
                  - {name: a, type: numeric}
                """;
        assertThat(violations(broken))
                .extracting(SchemaViolation::field)
                .contains("target", "features[0].categories", "features[1].name");
    }

    private static List<SchemaViolation> violations(String text) {
        try {
            PortfolioSchemaReader.read(text);
        } catch (InvalidPortfolioSchemaException e) {
            return e.violations();
        }
        throw new AssertionError("schema was accepted:\n" + text);
    }
}
