package io.creditscoring.standalone;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the standalone platform listens and keeps its data. Every value can be set on the command line as
 * {@code --name=value} (for example {@code --kafka-port=19092}).
 *
 * @param dataDirectory where PostgreSQL, Kafka and the API key live; kept across restarts
 * @param kafkaPort the broker's client port, reachable by external clients such as kcat
 * @param kafkaControllerPort the KRaft controller's port
 * @param postgresPort the PostgreSQL port
 * @param scoringPort scoring-api's HTTP port
 * @param ingestionPort ingestion-service's HTTP port
 * @param trainingPort training-service's HTTP port
 * @param driftPort drift-monitor's HTTP port
 * @param consolePort the operator console's HTTP port
 * @param demo run the demo scenario after start-up
 */
public record StandaloneSettings(
        Path dataDirectory,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        int scoringPort,
        int ingestionPort,
        int trainingPort,
        int driftPort,
        int consolePort,
        boolean demo) {

    public static StandaloneSettings defaults() {
        return new StandaloneSettings(
                Path.of("var", "standalone"), 9092, 9093, 55432, 8080, 8081, 8082, 8083, 8084, false);
    }

    /** Reads {@code --name=value} arguments over the defaults; a plain {@code --demo} turns the demo on. */
    public static StandaloneSettings fromArgs(String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument '" + arg + "': use --name=value");
            }
            int eq = arg.indexOf('=');
            given.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        StandaloneSettings d = defaults();
        StandaloneSettings settings = new StandaloneSettings(
                Path.of(given.getOrDefault("data-dir", d.dataDirectory().toString())),
                port(given, "kafka-port", d.kafkaPort()),
                port(given, "kafka-controller-port", d.kafkaControllerPort()),
                port(given, "postgres-port", d.postgresPort()),
                port(given, "scoring-port", d.scoringPort()),
                port(given, "ingestion-port", d.ingestionPort()),
                port(given, "training-port", d.trainingPort()),
                port(given, "drift-port", d.driftPort()),
                port(given, "console-port", d.consolePort()),
                Boolean.parseBoolean(given.getOrDefault("demo", "false")));
        given.keySet().removeAll(KNOWN);
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + given.keySet() + "; known: " + KNOWN);
        }
        return settings;
    }

    private static final java.util.Set<String> KNOWN = java.util.Set.of(
            "data-dir",
            "kafka-port",
            "kafka-controller-port",
            "postgres-port",
            "scoring-port",
            "ingestion-port",
            "training-port",
            "drift-port",
            "console-port",
            "demo");

    private static int port(Map<String, String> given, String name, int fallback) {
        String value = given.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a port number, got '" + value + "'", e);
        }
    }

    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgresPort + "/postgres";
    }
}
