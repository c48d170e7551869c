package io.creditscoring.scoring.security;

/** What an API key may do: SCORER calls the scoring and inference endpoints, ADMIN also the admin ones. */
public enum Role {
    SCORER,
    ADMIN;

    boolean mayAccessAdmin() {
        return this == ADMIN;
    }
}
