package io.creditscoring.model.portfolio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The governed exceptions of a portfolio schema: a protected attribute that feeds the model, and any change of a
 * feature's {@code protected} or {@code modelInput} setting on a portfolio already registered. Each needs an
 * APPROVER key and a {@code justification} on the feature; the justification is stored with the schema and
 * written to the audit log. Pure: no I/O.
 */
public final class SchemaGovernance {

    private SchemaGovernance() {}

    /**
     * One governed exception in a proposed schema.
     *
     * @param field where the justification belongs, for example {@code features[3].justification}
     * @param feature the feature's name
     * @param change what makes it governed, in words
     * @param justification the justification given, or null
     */
    public record GovernedChange(String field, String feature, String change, String justification) {

        public boolean justified() {
            return justification != null && !justification.isBlank();
        }

        /** The line written to the audit log. */
        public String describe() {
            return feature + ": " + change + (justified() ? "; justification: " + justification : "");
        }
    }

    /**
     * The governed exceptions of a proposed schema compared with the one in force.
     *
     * @param current the schema in force, empty for a new portfolio
     */
    public static List<GovernedChange> governedChanges(Optional<PortfolioSchema> current, PortfolioSchema proposed) {
        List<GovernedChange> changes = new ArrayList<>();
        for (int i = 0; i < proposed.features().size(); i++) {
            FeatureSpec f = proposed.features().get(i);
            String field = "features[" + i + "].justification";
            Optional<FeatureSpec> before = current.flatMap(c -> c.feature(f.name()));
            if (f.isProtectedInput()) {
                changes.add(new GovernedChange(
                        field, f.name(), "protected attribute used as a model input", f.justification()));
            } else if (before.isPresent() && before.get().isProtectedFeature() != f.isProtectedFeature()) {
                changes.add(new GovernedChange(
                        field,
                        f.name(),
                        f.isProtectedFeature() ? "marked protected" : "no longer protected",
                        f.justification()));
            } else if (before.isPresent() && !Objects.equals(before.get().modelInput(), f.modelInput())) {
                changes.add(new GovernedChange(
                        field,
                        f.name(),
                        "modelInput changed from " + before.get().modelInput() + " to " + f.modelInput(),
                        f.justification()));
            }
        }
        return changes;
    }

    /**
     * Faults of a schema version that training must refuse: protected attributes fed to the model without a
     * justification (a schema registered before the rule, or written to the catalog some other way).
     */
    public static List<SchemaViolation> unjustifiedProtectedInputs(PortfolioSchema schema) {
        List<SchemaViolation> faults = new ArrayList<>();
        for (int i = 0; i < schema.features().size(); i++) {
            FeatureSpec f = schema.features().get(i);
            if (f.isProtectedInput() && !f.isJustified()) {
                faults.add(new SchemaViolation(
                        "features[" + i + "].justification",
                        "protected attribute '" + f.name() + "' feeds the model without a justification"));
            }
        }
        return faults;
    }
}
