package io.creditscoring.security;

import java.time.Instant;

/**
 * Which audit rows to answer; every field is optional (null: no filter).
 *
 * @param from earliest time, inclusive
 * @param to latest time, exclusive
 * @param action only this action, for example {@code api-key.create}
 * @param keyId only rows of this key (the actor)
 * @param before only rows whose id is below this one: the next page after a page whose smallest id it is
 */
public record AuditQuery(Instant from, Instant to, String action, String keyId, Long before) {}
