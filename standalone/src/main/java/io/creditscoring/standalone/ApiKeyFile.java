package io.creditscoring.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The standalone's first-start API key (every role): created at random on first start with mode 0600, then read
 * back on every later start.
 */
final class ApiKeyFile {

    private ApiKeyFile() {}

    static String readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = "csk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        try {
            // readable by the owner only from the moment it exists
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the key file keeps the default permissions.
            Files.createFile(file);
        }
        Files.writeString(file, key + "\n");
        return key;
    }
}
