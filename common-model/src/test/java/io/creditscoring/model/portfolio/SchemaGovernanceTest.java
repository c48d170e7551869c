package io.creditscoring.model.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaGovernanceTest {

    static PortfolioSchema schema(String sexSpec) {
        return PortfolioSchemaReader.read("""
                portfolio: governed
                target: {column: default, positive: "1"}
                features:
                  - {name: income, type: numeric, reason: "Income"}
                  - %s
                """.formatted(sexSpec));
    }

    @Test
    void aProtectedAttributeFedToTheModelIsGovernedEvenOnANewPortfolio() {
        var changes = SchemaGovernance.governedChanges(
                Optional.empty(),
                schema(
                        "{name: SEX, type: categorical, categories: [\"1\", \"2\"], protected: true, modelInput: true}"));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("features[1].justification");
            assertThat(c.feature()).isEqualTo("SEX");
            assertThat(c.justified()).isFalse();
        });
    }

    @Test
    void theJustificationGivenIsCarriedAndDescribed() {
        var changes = SchemaGovernance.governedChanges(
                Optional.empty(),
                schema("{name: SEX, type: categorical, categories: [\"1\", \"2\"], protected: true, modelInput: true,"
                        + " justification: \"model-risk committee decision MRC-17\"}"));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.justified()).isTrue();
            assertThat(c.describe()).contains("SEX", "model input", "MRC-17");
        });
    }

    @Test
    void removingOrAddingProtectionOnAnExistingPortfolioIsGoverned() {
        PortfolioSchema protectedSex =
                schema("{name: SEX, type: categorical, categories: [\"1\", \"2\"], protected: true}");
        PortfolioSchema plainSex = schema("{name: SEX, type: categorical, categories: [\"1\", \"2\"]}");

        assertThat(SchemaGovernance.governedChanges(Optional.of(protectedSex), plainSex))
                .singleElement()
                .satisfies(c -> assertThat(c.change()).isEqualTo("no longer protected"));
        assertThat(SchemaGovernance.governedChanges(Optional.of(plainSex), protectedSex))
                .singleElement()
                .satisfies(c -> assertThat(c.change()).isEqualTo("marked protected"));
    }

    @Test
    void anUnchangedOrOrdinarySchemaHasNoGovernedChange() {
        PortfolioSchema protectedSex =
                schema("{name: SEX, type: categorical, categories: [\"1\", \"2\"], protected: true}");

        assertThat(SchemaGovernance.governedChanges(Optional.empty(), protectedSex))
                .isEmpty();
        assertThat(SchemaGovernance.governedChanges(Optional.of(protectedSex), protectedSex))
                .isEmpty();
    }

    @Test
    void trainingRefusesProtectedInputsWithoutJustification() {
        assertThat(
                        SchemaGovernance.unjustifiedProtectedInputs(
                                schema(
                                        "{name: SEX, type: categorical, categories: [\"1\", \"2\"], protected: true, modelInput: true}")))
                .singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("features[1].justification"));
        assertThat(SchemaGovernance.unjustifiedProtectedInputs(
                        schema("{name: SEX, type: categorical, categories: [\"1\", \"2\"], protected: true,"
                                + " modelInput: true, justification: \"approved\"}")))
                .isEmpty();
        assertThat(SchemaGovernance.unjustifiedProtectedInputs(BundledPortfolios.germanLoans()))
                .isEmpty();
    }

    @Test
    void foreignWorkerIsProtectedInTheBundledGermanSchema() {
        FeatureSpec foreignWorker =
                BundledPortfolios.germanLoans().feature("foreign_worker").orElseThrow();
        assertThat(foreignWorker.isProtectedFeature()).isTrue();
        assertThat(foreignWorker.feedsModel()).isFalse();
    }
}
