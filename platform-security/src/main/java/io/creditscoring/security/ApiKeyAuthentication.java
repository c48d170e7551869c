package io.creditscoring.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated API key in Spring Security's context; its principal is the {@link ApiKeyPrincipal}. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    /** The authorities of every set of roles, by the set's bit mask: built once, not on every request. */
    private static final List<List<GrantedAuthority>> AUTHORITIES_BY_ROLES = IntStream.range(
                    0, 1 << Role.values().length)
            .mapToObj(ApiKeyAuthentication::authoritiesOf)
            .toList();

    private final ApiKeyPrincipal principal;

    ApiKeyAuthentication(ApiKeyPrincipal principal) {
        super(AUTHORITIES_BY_ROLES.get(mask(principal.roles())));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        // the key itself is never kept after it has been checked
        return "";
    }

    @Override
    public ApiKeyPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.keyId();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKeyAuthentication that && principal.equals(that.principal);
    }

    @Override
    public int hashCode() {
        return principal.hashCode();
    }

    private static int mask(Set<Role> roles) {
        int mask = 0;
        for (Role role : roles) {
            mask |= 1 << role.ordinal();
        }
        return mask;
    }

    private static List<GrantedAuthority> authoritiesOf(int mask) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Role role : Role.values()) {
            if ((mask & 1 << role.ordinal()) != 0) {
                authorities.add(new SimpleGrantedAuthority(role.authority()));
            }
        }
        return List.copyOf(authorities);
    }
}
