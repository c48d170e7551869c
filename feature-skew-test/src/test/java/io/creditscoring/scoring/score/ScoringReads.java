package io.creditscoring.scoring.score;

import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.scoring.validation.FeatureValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Scoring's reading of a single-application body, as {@link ScoringService#scoreOne} does it, for the skew test. */
public final class ScoringReads {

    private ScoringReads() {}

    /**
     * What scoring makes of a body.
     *
     * @param features the normalised features the model is fed (meaningful only when there are no errors)
     * @param errors the faults found
     * @param onePass whether the one-pass reader took the body
     * @param tree the tree path's features for the same body (the two must agree)
     */
    public record Read(
            Map<String, Object> features, List<SchemaViolation> errors, boolean onePass, Map<String, Object> tree) {}

    public static Read read(byte[] body, FeatureValidator validator) {
        Optional<ApplicationInput> onePass = OnePassBodyReader.read(body, validator);
        List<SchemaViolation> treeErrors = new ArrayList<>();
        Map<String, Object> tree =
                ApplicationInput.of(JsonBodyReader.parse(body), "", false).validate(validator, treeErrors);
        if (onePass.isEmpty()) {
            return new Read(tree, treeErrors, false, tree);
        }
        List<SchemaViolation> errors = new ArrayList<>();
        Map<String, Object> features = onePass.get().validate(validator, errors);
        return new Read(features, errors, true, treeErrors.isEmpty() ? tree : null);
    }
}
