package io.creditscoring.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.FeatureType;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.TargetSpec;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationValidatorTest {

    private static final PortfolioSchema SCHEMA = new PortfolioSchema(
            "sme-loans",
            null,
            null,
            new TargetSpec("defaulted", "1"),
            null,
            List.of(
                    FeatureSpec.numeric("age", 18.0, 100.0, null),
                    FeatureSpec.numeric("balance", null, null, null),
                    FeatureSpec.categorical("sector", List.of("Retail", "Farming"), null),
                    FeatureSpec.categorical("grade", List.of("1", "2", "3"), null),
                    new FeatureSpec(
                            "income", FeatureType.NUMERIC, 0.0, null, null, true, null, null, null, null, null)));

    private final ApplicationValidator validator = ApplicationValidator.forSchema(SCHEMA);

    private static Map<String, Object> valid() {
        Map<String, Object> features = new HashMap<>();
        features.put("age", 30);
        features.put("balance", -12.5);
        features.put("sector", "Retail");
        features.put("grade", "2");
        features.put("income", 1000);
        return features;
    }

    private static Map<String, Object> with(String name, Object value) {
        Map<String, Object> features = valid();
        features.put(name, value);
        return features;
    }

    private FeatureViolation onlyViolation(Map<String, Object> features) {
        FeatureValidation result = validator.validate(features);
        assertThat(result.isValid()).isFalse();
        assertThat(result.violations()).hasSize(1);
        return result.violations().getFirst();
    }

    @Test
    void acceptsAValidApplicationAndKeepsSchemaOrder() {
        FeatureValidation result = validator.validate(valid());

        assertThat(result.isValid()).isTrue();
        assertThat(result.cleaned())
                .containsExactly(
                        Map.entry("age", 30L),
                        Map.entry("balance", -12.5),
                        Map.entry("sector", "Retail"),
                        Map.entry("grade", "2"),
                        Map.entry("income", 1000L));
    }

    @Test
    void parsesNumbersGivenAsTextAndTrimsThem() {
        FeatureValidation result = validator.validate(with("age", " 42 "));
        assertThat(result.cleaned()).containsEntry("age", 42L);

        assertThat(validator.validate(with("balance", "1.5e3")).cleaned()).containsEntry("balance", 1500L);
        assertThat(validator.validate(with("balance", "-0.25")).cleaned()).containsEntry("balance", -0.25);
        assertThat(validator.validate(with("balance", new BigDecimal("7.00"))).cleaned())
                .containsEntry("balance", 7L);
    }

    @Test
    void normalisesCategoriesToTheSchemasSpelling() {
        assertThat(validator.validate(with("sector", "  retail ")).cleaned()).containsEntry("sector", "Retail");
        assertThat(validator.validate(with("sector", "FARMING")).cleaned()).containsEntry("sector", "Farming");
        assertThat(validator.validate(with("grade", 3)).cleaned()).containsEntry("grade", "3");
        assertThat(validator.validate(with("grade", "1.0")).cleaned()).containsEntry("grade", "1");
        assertThat(validator.validate(with("grade", 2.0)).cleaned()).containsEntry("grade", "2");
    }

    @Test
    void rejectsValuesOutsideTheDeclaredRangeInclusiveBoundsAllowed() {
        assertThat(validator.validate(with("age", 18)).isValid()).isTrue();
        assertThat(validator.validate(with("age", 100)).isValid()).isTrue();

        FeatureViolation violation = onlyViolation(with("age", 17.5));
        assertThat(violation.rule()).isEqualTo(ViolationRule.OUT_OF_RANGE);
        assertThat(violation.field()).isEqualTo("features.age");
        assertThat(violation.message()).contains("17.5", "[18, 100]");

        assertThat(onlyViolation(with("age", "101")).rule()).isEqualTo(ViolationRule.OUT_OF_RANGE);
        assertThat(onlyViolation(with("income", -1)).message()).contains("[0, unbounded]");
    }

    @Test
    void rejectsUnknownCategories() {
        FeatureViolation violation = onlyViolation(with("sector", "mining"));
        assertThat(violation.rule()).isEqualTo(ViolationRule.UNKNOWN_CATEGORY);
        assertThat(violation.message()).contains("'mining'", "Retail", "Farming");
        assertThat(onlyViolation(with("grade", 4)).rule()).isEqualTo(ViolationRule.UNKNOWN_CATEGORY);
        assertThat(onlyViolation(with("grade", 1.5)).rule()).isEqualTo(ViolationRule.UNKNOWN_CATEGORY);
    }

    @Test
    void rejectsMissingRequiredFeaturesButAcceptsMissingNullableOnes() {
        Map<String, Object> withoutAge = valid();
        withoutAge.remove("age");
        FeatureViolation violation = onlyViolation(withoutAge);
        assertThat(violation.rule()).isEqualTo(ViolationRule.MISSING_FEATURE);
        assertThat(violation.feature()).isEqualTo("age");

        assertThat(onlyViolation(with("sector", null)).rule()).isEqualTo(ViolationRule.MISSING_FEATURE);
        assertThat(onlyViolation(with("sector", "   ")).rule()).isEqualTo(ViolationRule.MISSING_FEATURE);

        Map<String, Object> withoutIncome = valid();
        withoutIncome.remove("income");
        FeatureValidation result = validator.validate(withoutIncome);
        assertThat(result.isValid()).isTrue();
        assertThat(result.cleaned()).containsEntry("income", null);
        assertThat(validator.validate(with("income", "")).cleaned()).containsEntry("income", null);
    }

    @Test
    void readsTheWordsForMissingAsMissing() {
        assertThat(validator.validate(with("income", "NA")).cleaned()).containsEntry("income", null);
        assertThat(validator.validate(with("income", " n/a ")).cleaned()).containsEntry("income", null);
        assertThat(onlyViolation(with("age", "null")).rule()).isEqualTo(ViolationRule.MISSING_FEATURE);
        assertThat(onlyViolation(with("sector", "NA")).rule()).isEqualTo(ViolationRule.MISSING_FEATURE);
    }

    @Test
    void rejectsUnknownFeaturesNamingThem() {
        FeatureViolation violation = onlyViolation(with("AGEE", 3));
        assertThat(violation.rule()).isEqualTo(ViolationRule.UNKNOWN_FEATURE);
        assertThat(violation.message()).contains("'AGEE'", "sme-loans");
    }

    @Test
    void rejectsWrongTypes() {
        assertThat(onlyViolation(with("age", "thirty")).rule()).isEqualTo(ViolationRule.WRONG_TYPE);
        assertThat(onlyViolation(with("age", true)).message()).contains("a boolean");
        assertThat(onlyViolation(with("age", Map.of())).message()).contains("an object");
        assertThat(onlyViolation(with("sector", List.of("Retail"))).message()).contains("a list");
        assertThat(onlyViolation(with("sector", false)).rule()).isEqualTo(ViolationRule.WRONG_TYPE);
        assertThat(onlyViolation(with("balance", "0x1p3")).rule()).isEqualTo(ViolationRule.WRONG_TYPE);
        assertThat(onlyViolation(with("balance", "12d")).rule()).isEqualTo(ViolationRule.WRONG_TYPE);
    }

    @Test
    void rejectsNanAndInfinityAsNumbersOrText() {
        assertThat(onlyViolation(with("balance", Double.NaN)).rule()).isEqualTo(ViolationRule.NOT_FINITE);
        assertThat(onlyViolation(with("balance", Double.POSITIVE_INFINITY)).rule())
                .isEqualTo(ViolationRule.NOT_FINITE);
        assertThat(onlyViolation(with("balance", "NaN")).rule()).isEqualTo(ViolationRule.NOT_FINITE);
        assertThat(onlyViolation(with("balance", "-Infinity")).rule()).isEqualTo(ViolationRule.NOT_FINITE);
        assertThat(onlyViolation(with("balance", "1e400")).rule()).isEqualTo(ViolationRule.NOT_FINITE);
        assertThat(onlyViolation(with("grade", Double.NaN)).rule()).isEqualTo(ViolationRule.WRONG_TYPE);
    }

    @Test
    void reportsEveryViolationNotOnlyTheFirst() {
        Map<String, Object> features = with("age", 5);
        features.put("sector", "mining");
        features.put("extra", 1);

        FeatureValidation result = validator.validate(features);

        assertThat(result.violations())
                .extracting(FeatureViolation::rule)
                .containsExactlyInAnyOrder(
                        ViolationRule.UNKNOWN_FEATURE, ViolationRule.OUT_OF_RANGE, ViolationRule.UNKNOWN_CATEGORY);
        assertThat(result.cleaned()).isEmpty();
        assertThat(result.schemaViolations())
                .extracting(v -> v.field())
                .contains("features.extra", "features.age", "features.sector");
    }

    @Test
    void rejectsTextWithControlCharactersOrLoneSurrogatesThatTrimmingWouldHaveHidden() {
        // String.trim() drops a trailing NUL: without the check, "Retail\0" would be stored as Retail
        FeatureViolation nul = onlyViolation(with("sector", "Retail\u0000"));
        assertThat(nul.rule()).isEqualTo(ViolationRule.INVALID_TEXT);
        assertThat(nul.field()).isEqualTo("features.sector");
        assertThat(nul.message()).contains("U+0000 at index 6");
        assertThat(onlyViolation(with("age", "4\u00002")).rule()).isEqualTo(ViolationRule.INVALID_TEXT);
        assertThat(onlyViolation(with("age", "42\u0000")).rule()).isEqualTo(ViolationRule.INVALID_TEXT);
        assertThat(onlyViolation(with("income", "\u001F")).rule()).isEqualTo(ViolationRule.INVALID_TEXT);
        assertThat(onlyViolation(with("sector", "Retail\uD800")).rule()).isEqualTo(ViolationRule.INVALID_TEXT);
        assertThat(validator.validate(with("sector", " Retail ")).isValid()).isTrue();
    }

    @Test
    void quotesOffendingValuesEscapedAndCutNeverWhole() {
        FeatureViolation longWithNul = onlyViolation(with("sector", "x\u0000" + "y".repeat(10_000)));
        assertThat(longWithNul.rule()).isEqualTo(ViolationRule.INVALID_TEXT);
        assertThat(longWithNul.message()).hasSizeLessThan(200);
        FeatureViolation category = onlyViolation(with("sector", "z".repeat(10_000)));
        assertThat(category.message()).contains("(10000 characters)").hasSizeLessThan(200);
        FeatureViolation name = onlyViolation(with("ag\u0000e", 3));
        assertThat(name.rule()).isEqualTo(ViolationRule.UNKNOWN_FEATURE);
        assertThat(name.message()).contains("'ag\\u0000e'").doesNotContain("\u0000");
    }

    @Test
    void readsNoFeaturesAsEveryRequiredOneMissing() {
        FeatureValidation result = validator.validate(null);
        assertThat(result.violations())
                .extracting(FeatureViolation::feature)
                .containsExactlyInAnyOrder("age", "balance", "sector", "grade");
    }
}
