package io.creditscoring.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.web.firewall.RequestRejectedException;

class PathFirewallTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v1/%61dmin/api-keys",
                "/v1/%41DMIN",
                "/v1/admin%2Dkeys",
                "/v1/x%7E",
                "/v1/%5f",
                "/v1/%3",
                "/v1/%zz"
            })
    void refusesEscapesOfCharactersThatNeedNone(String uri) {
        assertThatThrownBy(() -> PathFirewall.rejectEncodedUnreserved(uri))
                .isInstanceOf(RequestRejectedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/portfolios/p/decisions/APP%20123", "/v1/x/caf%C3%A9", "/v1/admin/api-keys"})
    void letsOtherEscapesThrough(String uri) {
        assertThatCode(() -> PathFirewall.rejectEncodedUnreserved(uri)).doesNotThrowAnyException();
    }
}
