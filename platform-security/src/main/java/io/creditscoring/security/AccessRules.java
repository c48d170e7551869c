package io.creditscoring.security;

import java.util.List;

/**
 * A service's authorization rules, declared as one bean. Every request under {@code /v1} or {@code /v2} that no
 * rule (and no platform rule: {@code /v1/admin/**} and {@code /v1/audit} need ADMIN) matches is refused: a new
 * endpoint stays closed until a rule names who may call it.
 */
public record AccessRules(List<AccessRule> rules) {

    public AccessRules {
        rules = List.copyOf(rules);
    }

    public static AccessRules of(AccessRule... rules) {
        return new AccessRules(List.of(rules));
    }
}
