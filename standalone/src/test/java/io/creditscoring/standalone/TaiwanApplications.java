package io.creditscoring.standalone;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Valid {@code taiwan-cards} applications made up from a number, the producer that sends them the way a lender's
 * pipeline would, and what the platform stored of them (read from its PostgreSQL directly).
 */
final class TaiwanApplications {

    static final String PORTFOLIO = "taiwan-cards";

    private TaiwanApplications() {}

    /** The features of application number {@code n}: every one the schema asks for, all within their ranges. */
    static Map<String, Object> features(int n) {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("LIMIT_BAL", 10_000 * (1 + n % 50));
        features.put("SEX", String.valueOf(1 + n % 2));
        features.put("EDUCATION", String.valueOf(1 + n % 3));
        features.put("MARRIAGE", String.valueOf(1 + n % 2));
        features.put("AGE", 21 + n % 50);
        for (String pay : new String[] {"PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6"}) {
            features.put(pay, n % 3 - 1);
        }
        for (int month = 1; month <= 6; month++) {
            features.put("BILL_AMT" + month, n % 1_000);
        }
        for (int month = 1; month <= 6; month++) {
            features.put("PAY_AMT" + month, n % 500);
        }
        return features;
    }

    static ProducerRecord<String, String> record(String applicationId, int n) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("applicationId", applicationId);
        envelope.put("portfolio", PORTFOLIO);
        envelope.put("features", features(n));
        return new ProducerRecord<>(
                Topics.APPLICATIONS, applicationId, CreditJson.json().writeValueAsString(envelope));
    }

    /** An idempotent producer that waits for every in-sync replica, as the platform's own producers do. */
    static KafkaProducer<String, String> producer(StandaloneSettings settings) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(props);
    }

    static Connection database(StandaloneSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), "postgres", "postgres");
    }

    /** Applications of the portfolio whose id starts with the prefix, as stored. */
    static long stored(StandaloneSettings settings, String idPrefix) throws SQLException {
        try (Connection db = database(settings)) {
            return count(
                    db,
                    "select count(*) from ingestion.applications where portfolio = ? and application_id like ?",
                    idPrefix);
        }
    }

    static long count(Connection db, String sql, String idPrefix) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, PORTFOLIO);
            statement.setString(2, idPrefix + "%");
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The ids of the applications whose id starts with the prefix, as stored. */
    static Set<String> storedIds(StandaloneSettings settings, String idPrefix) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection db = database(settings);
                PreparedStatement statement = db.prepareStatement(
                        "select application_id from ingestion.applications where application_id like ?")) {
            statement.setString(1, idPrefix + "%");
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }
}
