package io.creditscoring.pipeline.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.FeatureType;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.TargetSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureContractTest {

    private static final PortfolioSchema SCHEMA = new PortfolioSchema(
            "contract-test",
            null,
            null,
            new TargetSpec("defaulted", "1"),
            null,
            List.of(
                    FeatureSpec.numeric("age", 18.0, 100.0, null),
                    FeatureSpec.categorical("grade", List.of("1", "2", "3"), null),
                    FeatureSpec.categorical("sector", List.of("Retail", "NA"), null),
                    new FeatureSpec("income", FeatureType.NUMERIC, 0.0, null, null, true, null, null, null, null, null),
                    new FeatureSpec(
                            "sex",
                            FeatureType.CATEGORICAL,
                            null,
                            null,
                            List.of("F", "M"),
                            null,
                            true,
                            null,
                            null,
                            null,
                            null)));

    private static final FeatureContract CONTRACT = FeatureContract.of(SCHEMA);

    private static CheckedValue store(String feature, Object raw) {
        return CONTRACT.rule(feature).check(raw, Strictness.STORE);
    }

    private static CheckedValue score(String feature, Object raw) {
        return CONTRACT.rule(feature).check(raw, Strictness.SCORE);
    }

    @Test
    void blanksAndMissingWordsAreMissingInEveryCaseButADeclaredCategoryWins() {
        for (Object missing : new Object[] {null, "", "   ", "NA", "na", " n/a ", "NULL", "Null"}) {
            assertThat(store("age", missing).fault()).as("%s", missing).isEqualTo(ValueFault.MISSING);
            assertThat(score("age", missing).fault()).as("%s", missing).isEqualTo(ValueFault.MISSING);
            assertThat(store("income", missing)).as("%s", missing).isEqualTo(CheckedValue.ABSENT);
            assertThat(store("grade", missing).fault()).as("%s", missing).isEqualTo(ValueFault.MISSING);
        }
        assertThat(store("sector", "na").value()).isEqualTo("NA");
        assertThat(store("sector", "NA").value()).isEqualTo("NA");
        assertThat(store("sector", "n/a").fault()).isEqualTo(ValueFault.MISSING);
    }

    @Test
    void scoringRequiresOnlyModelInputsAndStorageEveryFeatureNotNullable() {
        assertThat(score("sex", null)).isEqualTo(CheckedValue.ABSENT);
        assertThat(store("sex", null).fault()).isEqualTo(ValueFault.MISSING);
        assertThat(score("sex", "X").fault()).isEqualTo(ValueFault.UNKNOWN_CATEGORY);
        assertThat(CONTRACT.rule("sex").required(Strictness.READ)).isFalse();
    }

    @Test
    void numbersAreReadFromAnyNumberTypeAndFromTextOnlyWhenStored() {
        assertThat(store("age", 30).value()).isEqualTo(30L);
        assertThat(store("age", 30.0).value()).isEqualTo(30L);
        assertThat(store("age", new BigDecimal("30.50")).value()).isEqualTo(30.5);
        assertThat(store("age", " 42 ").value()).isEqualTo(42L);
        assertThat(store("age", "4.2e1").value()).isEqualTo(42L);
        assertThat(score("age", 30).value()).isEqualTo(30.0);
        assertThat(score("age", "42").fault()).isEqualTo(ValueFault.WRONG_TYPE);
        assertThat(store("income", -0.0).value()).isEqualTo(0L);
        assertThat(score("income", -0.0).value()).isEqualTo(0.0);
        for (String notANumber : new String[] {"thirty", "0x1p3", "12d", "1,000", "1_000", "--1", "1e", "."}) {
            assertThat(store("age", notANumber).fault()).as(notANumber).isEqualTo(ValueFault.WRONG_TYPE);
        }
        assertThat(store("age", true).fault()).isEqualTo(ValueFault.WRONG_TYPE);
        assertThat(store("age", Map.of()).fault()).isEqualTo(ValueFault.WRONG_TYPE);
    }

    @Test
    void nonFiniteNumbersAreRefusedAsNumbersOrText() {
        for (Object nonFinite : new Object[] {
            Double.NaN, Double.POSITIVE_INFINITY, "NaN", " -Infinity ", "+inf", "1e400", BigInteger.TEN.pow(400)
        }) {
            assertThat(store("income", nonFinite).fault()).as("%s", nonFinite).isEqualTo(ValueFault.NOT_FINITE);
        }
        assertThat(score("income", "nan").fault()).isEqualTo(ValueFault.NOT_FINITE);
        assertThat(store("grade", Double.NaN).fault()).isEqualTo(ValueFault.WRONG_TYPE);
    }

    @Test
    void rangesAreInclusive() {
        assertThat(store("age", 18).isValid()).isTrue();
        assertThat(store("age", 100.0).isValid()).isTrue();
        CheckedValue below = store("age", 17.5);
        assertThat(below.fault()).isEqualTo(ValueFault.OUT_OF_RANGE);
        assertThat(below.shown()).isEqualTo("17.5");
        assertThat(store("age", "1e300").fault()).isEqualTo(ValueFault.OUT_OF_RANGE);
        assertThat(store("income", 1e300).value()).isEqualTo(1e300);
    }

    @Test
    void categoriesMatchIgnoringCaseAndNumericLabelsByValue() {
        assertThat(store("sector", " retail ").value()).isEqualTo("Retail");
        assertThat(score("sector", "RETAIL").value()).isEqualTo("Retail");
        for (Object two : new Object[] {2, 2L, 2.0, 2.0f, "2", " 2.0 ", "02", "2e0", new BigDecimal("2.000")}) {
            assertThat(store("grade", two).value()).as("%s", two).isEqualTo("2");
            assertThat(score("grade", two).value()).as("%s", two).isEqualTo("2");
        }
        CheckedValue fraction = store("grade", 2.5);
        assertThat(fraction.fault()).isEqualTo(ValueFault.UNKNOWN_CATEGORY);
        assertThat(fraction.shown()).isEqualTo("2.5");
        assertThat(store("grade", "mining").fault()).isEqualTo(ValueFault.UNKNOWN_CATEGORY);
        assertThat(store("grade", false).fault()).isEqualTo(ValueFault.WRONG_TYPE);
        assertThat(CONTRACT.rule("grade").spelling(3L)).isEqualTo("3");
        assertThat(CONTRACT.rule("grade").spelling(4L)).isNull();
        assertThat(CONTRACT.rule("sector").spelling("Retail")).isEqualTo("Retail");
        assertThat(CONTRACT.rule("sector").spelling("retail\t")).isNull();
    }

    @Test
    void textWithControlCharactersIsRefusedBeforeTrimming() {
        assertThat(store("sector", "Retail\u0000").fault()).isEqualTo(ValueFault.INVALID_TEXT);
        assertThat(score("grade", "2\t").fault()).isEqualTo(ValueFault.INVALID_TEXT);
        assertThat(store("income", "\u001F").fault()).isEqualTo(ValueFault.INVALID_TEXT);
        assertThat(store("sector", "Retail\uD800").shown()).contains("lone surrogate");
    }

    @Test
    void theLenientReadingGivesCleanValuesBackAndNeverRefuses() {
        assertThat(RawValues.number(30L)).isEqualTo(30.0);
        assertThat(RawValues.number(" 1.5 ")).isEqualTo(1.5);
        assertThat(RawValues.number(-0.0)).isEqualTo(0.0);
        assertThat(RawValues.number("NaN")).isNaN();
        assertThat(RawValues.number(Double.POSITIVE_INFINITY)).isNaN();
        assertThat(RawValues.number("lots")).isNaN();
        assertThat(RawValues.number(true)).isNaN();
        assertThat(RawValues.number(null)).isNaN();
        assertThat(RawValues.label(2.0)).isEqualTo("2");
        assertThat(RawValues.label(" A11 ")).isEqualTo("A11");
        assertThat(RawValues.label("  ")).isNull();
        assertThat(RawValues.label(Double.NaN)).isNull();
        assertThat(RawValues.label(true)).isEqualTo("true");
        assertThat(RawValues.label(List.of())).isNull();
        assertThat(CONTRACT.rule("age").check("12", Strictness.READ).value()).isEqualTo(12.0);
        assertThat(CONTRACT.rule("grade").check(7, Strictness.READ).value()).isEqualTo("7");
    }

    @Test
    void numbersUsedAsLabelsHaveOneCanonicalText() {
        assertThat(RawValues.numberLabel(1.0)).isEqualTo("1");
        assertThat(RawValues.numberLabel(-0.0)).isEqualTo("0");
        assertThat(RawValues.numberLabel(1.5)).isEqualTo("1.5");
        assertThat(RawValues.numberLabel(1e20)).isEqualTo("100000000000000000000");
        assertThat(RawValues.numberLabel(1e-7)).isEqualTo("0.0000001");
        assertThat(RawValues.numberLabel(Float.valueOf(0.1f))).isEqualTo("0.1");
        assertThat(RawValues.numberLabel(new BigInteger("100000000000000000000000002")))
                .isEqualTo("100000000000000000000000002");
        assertThat(RawValues.numberLabel(Double.NaN)).isNull();
        assertThat(RawValues.storedNumber(7.0)).isEqualTo(7L);
        assertThat(RawValues.storedNumber(1e16)).isEqualTo(1e16);
    }
}
