package io.creditscoring.security;

/** What a key id may look like: it appears in URLs, histories and the audit log, so it is kept plain. */
public final class ApiKeyIds {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private ApiKeyIds() {}

    public static boolean isValid(String keyId) {
        return keyId != null && keyId.matches(PATTERN);
    }
}
