package io.creditscoring.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Lower-case hex SHA-256, the one form the platform stores and compares: model artifacts, training sets, run
 * artifacts, the content of ingested records.
 */
public final class Sha256 {

    private static final HexFormat HEX = HexFormat.of();
    /** Cloned for each digest: looking SHA-256 up among the security providers costs more than hashing an API key. */
    private static final MessageDigest PROTOTYPE = lookUp();

    private Sha256() {}

    /** The hex SHA-256 of the bytes. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(newDigest().digest(bytes));
    }

    /** The hex SHA-256 of the text's UTF-8 bytes. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh digest, for content fed in parts; finish it with {@link #hex(MessageDigest)}. */
    public static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return lookUp(); // a provider whose digests cannot be cloned
        }
    }

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM must provide SHA-256", e);
        }
    }

    /** Completes the digest (which is reset) and answers its hex. */
    public static String hex(MessageDigest digest) {
        return HEX.formatHex(digest.digest());
    }
}
