package io.creditscoring.training.run;

import io.creditscoring.model.portfolio.SchemaViolation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A schema version training refuses: protected attributes fed to the model without the justification that
 * governance requires (see {@code SchemaGovernance}). The run fails with this message.
 */
class SchemaNotTrainableException extends RuntimeException {

    SchemaNotTrainableException(String portfolio, int schemaVersion, List<SchemaViolation> faults) {
        super("schema version " + schemaVersion + " of portfolio '" + portfolio + "' is not trainable: "
                + faults.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "))
                + ". Register it again with a justification (APPROVER key), or keep the attribute out of the model.");
    }
}
