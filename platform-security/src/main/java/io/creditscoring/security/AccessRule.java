package io.creditscoring.security;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * One authorization rule of a service: requests with this method whose path matches the pattern (Spring's
 * {@code PathPattern} syntax, for example {@code /v1/portfolios/*}{@code /stats}) need one of the roles.
 */
public record AccessRule(HttpMethod method, String pattern, Set<Role> roles) {

    public AccessRule {
        if (method == null || pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException(
                    "an access rule needs a method and a path pattern, got " + method + " " + pattern);
        }
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("access rule " + method + " " + pattern + " names no role");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
    }

    public static AccessRule of(HttpMethod method, String pattern, Role first, Role... more) {
        return new AccessRule(method, pattern, EnumSet.of(first, more));
    }

    String[] roleNames() {
        return roles.stream().map(Enum::name).sorted().toArray(String[]::new);
    }
}
