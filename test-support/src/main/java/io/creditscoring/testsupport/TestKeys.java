package io.creditscoring.testsupport;

/**
 * The API key every test context is started with as its bootstrap key (see {@link RealServersInitializer}): it
 * holds every role, as the standalone's first-start key does. {@link ServiceClient} sends it unless told not to.
 */
public final class TestKeys {

    public static final String ALL_ROLES = "csk_test-all-roles-0123456789abcdefghijklmnopqrstu";

    private TestKeys() {}
}
