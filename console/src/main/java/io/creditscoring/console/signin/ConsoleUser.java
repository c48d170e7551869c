package io.creditscoring.console.signin;

import java.util.Set;

/**
 * Who is signed in: the key's id and roles, as the services report them. What each page offers is decided here
 * and only here, from the roles of docs/security.md; the services check every call again anyway.
 */
public record ConsoleUser(String keyId, Set<String> roles) {

    public ConsoleUser {
        roles = Set.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** Portfolios, models, runs, drift and decisions (READER). */
    public boolean canRead() {
        return has("READER");
    }

    /**
     * A run's comparison report and a model's ONNX artifact, fetched by the console with the signed-in key and passed
     * on (READER, as the training service asks).
     */
    public boolean canDownload() {
        return has("READER");
    }

    /** Start a training run with overrides (TRAINER). */
    public boolean canStartRun() {
        return has("TRAINER");
    }

    /** File a promotion request (TRAINER or APPROVER). */
    public boolean canRequestPromotion() {
        return has("TRAINER") || has("APPROVER");
    }

    /** Approve or reject another key's promotion request (APPROVER). */
    public boolean canDecidePromotion() {
        return has("APPROVER");
    }

    /** Import a CSV file (INGESTER). */
    public boolean canImport() {
        return has("INGESTER");
    }

    /** API keys and the audit log (ADMIN). */
    public boolean canAdminister() {
        return has("ADMIN");
    }

    /** The roles in a stable order, for display. */
    public String roleList() {
        return String.join(", ", roles.stream().sorted().toList());
    }
}
