package io.creditscoring.pipeline.contract;

import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's one contract for feature values: how a raw value from JSON or CSV becomes a model value (a double;
 * missing is NaN) or a category label (the schema's spelling; missing is null), what counts as missing, and the
 * range and category checks against a portfolio's {@link FeatureSpec}s. Ingestion, training, the ONNX export,
 * scoring and drift all read values through it, so that a value means the same everywhere; the skew test
 * ({@code FeatureSkewTest}) checks that they agree on edge values for both bundled portfolios.
 *
 * <h2>The rules</h2>
 *
 * <ul>
 *   <li><b>Missing</b>: absent, null, blank text, or one of the {@link RawValues#MISSING_WORDS} ({@code NA},
 *       {@code N/A}, {@code null}; any case, surrounding blanks ignored). A category the schema declares wins over
 *       those words. NaN and infinity are not missing but refused by a strict reading ({@link ValueFault#NOT_FINITE}),
 *       as numbers or as text ({@link RawValues#NON_FINITE_WORDS}), so that a producer that sends them is told;
 *       {@link Strictness#READ} reads them as missing (NaN).
 *   <li><b>Text</b> from outside is checked for control characters and lone surrogates before it is trimmed
 *       (trimming would hide them); then surrounding blanks are ignored.
 *   <li><b>Numbers</b>: any {@link Number}, by its double value (a {@code BigInteger} beyond the double range is
 *       not finite). Text is a number only when written in plain decimal or scientific notation
 *       ({@link RawValues#parseNumber}: {@code " 42 "}, {@code 1.5e3}; not {@code 0x1p3}, {@code 12d},
 *       {@code 1,000}). The range {@code [min, max]} is inclusive. Negative zero is zero. Integers written
 *       {@code 1.0} are 1.
 *   <li><b>Categories</b>: text naming a category exactly, ignoring case, or, for numeric labels, by value
 *       ({@code "1.0"}, {@code "01"} and {@code 1.0} are {@code "1"}); a finite number names a category by its
 *       {@link RawValues#numberLabel canonical text}. The clean value is the schema's spelling. A label outside the
 *       schema's categories is refused ({@link ValueFault#UNKNOWN_CATEGORY}); one inside the schema that the model
 *       did not keep (too rare in training) is scored through the unknown-category path: all zeros in its one-hot
 *       columns.
 *   <li><b>Booleans</b>, objects and lists are no feature value ({@link ValueFault#WRONG_TYPE}); read leniently, a
 *       boolean is the label {@code true}/{@code false} and no number.
 * </ul>
 *
 * <h2>Who reads how strictly, and why</h2>
 *
 * <ul>
 *   <li>Ingestion ({@link Strictness#STORE}): it is the gate to the training data, so it refuses what it cannot
 *       store cleanly (the record is dead-lettered with the reason, never dropped), requires protected attributes
 *       too (they are stored for fairness monitoring), and reads numbers written as text because CSV is text.
 *   <li>Scoring ({@link Strictness#SCORE}): as strict about values, so that no model scores a value training could
 *       not have seen; but only model inputs are required, and a number must be a JSON number (a typed API tells a
 *       client that sends a string). Whatever the schema allows is scored.
 *   <li>Training, the pipeline evaluator, the ONNX runner and drift ({@link Strictness#READ}): they read values
 *       that a strict reading already cleaned (stored rows, scoring's normalised features, reference samples), so
 *       they never refuse; reading a clean value gives it back unchanged.
 * </ul>
 *
 * <p>Immutable and thread-safe: build one per schema version and reuse it.
 */
public final class FeatureContract {

    private final PortfolioSchema schema;
    private final List<FeatureRule> rules;
    private final Map<String, FeatureRule> byName;

    private FeatureContract(PortfolioSchema schema) {
        this.schema = schema;
        List<FeatureRule> list = new ArrayList<>(schema.features().size());
        Map<String, FeatureRule> map = HashMap.newHashMap(schema.features().size());
        for (FeatureSpec feature : schema.features()) {
            FeatureRule rule = new FeatureRule(feature);
            list.add(rule);
            map.putIfAbsent(feature.name(), rule);
        }
        this.rules = List.copyOf(list);
        this.byName = map; // a HashMap, never exposed: its lookup is the cheapest, and scoring does one per feature
    }

    public static FeatureContract of(PortfolioSchema schema) {
        return new FeatureContract(schema);
    }

    public PortfolioSchema schema() {
        return schema;
    }

    /** The rule of every feature, in schema order. */
    public List<FeatureRule> rules() {
        return rules;
    }

    /** The rule of a declared feature, or null when the schema declares no such feature. */
    public FeatureRule rule(String feature) {
        return byName.get(feature);
    }
}
