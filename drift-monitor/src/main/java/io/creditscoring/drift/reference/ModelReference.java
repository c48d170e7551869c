package io.creditscoring.drift.reference;

import io.creditscoring.drift.stats.ReferenceProfile;
import io.creditscoring.drift.stats.StabilityBins;
import io.creditscoring.model.portfolio.PortfolioSchema;
import java.util.Map;

/**
 * A model version's reference, prepared once: the schema snapshot it was trained on, its prepared reference
 * profile, its test AUC, and the groups used for fairness on numeric protected attributes.
 *
 * @param portfolio the portfolio
 * @param version the model version
 * @param schema the schema snapshot stored with the model
 * @param profile the sorted and binned reference columns and scores
 * @param testAuc the AUC on the test split from the registry's metrics, or NaN when absent
 * @param protectedBins quantile bins of each numeric protected attribute, frozen on the reference
 */
public record ModelReference(
        String portfolio,
        int version,
        PortfolioSchema schema,
        ReferenceProfile profile,
        double testAuc,
        Map<String, StabilityBins> protectedBins) {

    public ModelReference {
        protectedBins = Map.copyOf(protectedBins);
    }
}
