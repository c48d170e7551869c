package io.creditscoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** Expected digests from Python's hashlib (FIPS 180-2's "abc" vector among them). */
class Sha256Test {

    @Test
    void hashesBytesToLowerCaseHex() {
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void hashesTextAsUtf8() {
        assertThat(Sha256.hex("Zürich")).isEqualTo("4251685e06cab635578c72b1f5f221e9840a05ac4d8f2404be4177aa87f9907d");
    }

    @Test
    void hashesContentFedInParts() {
        MessageDigest digest = Sha256.newDigest();
        digest.update("ab".getBytes(StandardCharsets.US_ASCII));
        digest.update("c".getBytes(StandardCharsets.US_ASCII));

        assertThat(Sha256.hex(digest)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
