package io.creditscoring.model.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BundledPortfoliosTest {

    @Test
    void taiwanCardsProtectsSexAgeAndMarriage() {
        PortfolioSchema taiwan = BundledPortfolios.taiwanCards();

        assertThat(taiwan.portfolio()).isEqualTo(BundledPortfolios.TAIWAN_CARDS);
        assertThat(taiwan.idColumn()).isEqualTo("ID");
        assertThat(taiwan.target()).isEqualTo(new TargetSpec("defaulted", "1"));
        assertThat(taiwan.features()).hasSize(23);
        assertThat(taiwan.protectedFeatures())
                .extracting(FeatureSpec::name)
                .containsExactlyInAnyOrder("SEX", "AGE", "MARRIAGE");
        assertThat(taiwan.modelInputs()).hasSize(20);
    }

    @Test
    void germanLoansNamesTheHeaderlessColumns() {
        PortfolioSchema german = BundledPortfolios.germanLoans();

        assertThat(german.idColumn()).isNull();
        assertThat(german.csvLayout().hasHeader()).isFalse();
        assertThat(german.csvLayout().delimiterChar()).isEqualTo(' ');
        assertThat(german.csvLayout().columns()).hasSize(21).endsWith("class");
        assertThat(german.features()).hasSize(20);
        assertThat(german.protectedFeatures())
                .extracting(FeatureSpec::name)
                .containsExactlyInAnyOrder("personal_status", "age", "foreign_worker");
        assertThat(german.feature("purpose").orElseThrow().categories()).hasSize(10 + 1);
    }
}
