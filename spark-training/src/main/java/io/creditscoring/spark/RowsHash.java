package io.creditscoring.spark;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 as the run's lineage writes it: lower-case hex. */
final class RowsHash {

    private RowsHash() {}

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String hex(MessageDigest digest) {
        StringBuilder hex = new StringBuilder();
        for (byte b : digest.digest()) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
