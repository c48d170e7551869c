package io.creditscoring.model.portfolio;

import java.util.List;
import java.util.stream.Collectors;

/** A portfolio schema that cannot be used, with every fault found in it. */
public class InvalidPortfolioSchemaException extends RuntimeException {

    private final List<SchemaViolation> violations;

    public InvalidPortfolioSchemaException(List<SchemaViolation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public static InvalidPortfolioSchemaException unreadable(String why) {
        return new InvalidPortfolioSchemaException(List.of(new SchemaViolation("$", why)));
    }

    public List<SchemaViolation> violations() {
        return violations;
    }
}
