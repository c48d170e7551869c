package io.creditscoring.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real PostgreSQL server from embedded binaries, whose data directory survives restarts. */
final class StandalonePostgres implements AutoCloseable {

    private final EmbeddedPostgres server;

    private StandalonePostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    static StandalonePostgres start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // zonky turns synchronous commits off for test speed; the standalone keeps real data.
                .setServerConfig("synchronous_commit", "on")
                .start();
        return new StandalonePostgres(server);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
