package io.creditscoring.ingestion.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.ingestion.IngestionProperties;
import io.creditscoring.ingestion.IngestionServiceApplication;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.portfolio.PortfolioSchemaReader;
import io.creditscoring.sampledata.SampleData;
import io.creditscoring.testsupport.ServiceClient;
import io.creditscoring.testsupport.WithRealServers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + IngestionServiceApplication.CONFIG_NAME)
@WithRealServers
class CsvImportTest {

    private static final MediaType CSV = MediaType.valueOf("text/csv");

    private static final String SMALL_SCHEMA = """
            portfolio: csv-test-loans
            idColumn: id
            target: {column: outcome, positive: "yes"}
            features:
              - {name: amount, type: numeric, min: 0}
              - {name: sector, type: categorical, categories: ["Retail, online", Farming]}
              - {name: note, type: categorical, categories: [a, b], nullable: true}
            """;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PortfolioCatalog catalog;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    IngestionProperties properties;

    ServiceClient client;

    @BeforeEach
    void client() {
        client = ServiceClient.onPort(port);
        catalog.registerIfAbsent(PortfolioSchemaReader.read(SMALL_SCHEMA));
    }

    private ResponseEntity<JsonNode> importFile(String portfolio, InputStream body) {
        return client.http()
                .post()
                .uri("/v1/portfolios/{portfolio}/imports", portfolio)
                .contentType(CSV)
                .body(out -> {
                    try (body) {
                        body.transferTo(out);
                    }
                })
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> importText(String portfolio, String csv) {
        return importFile(portfolio, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private void awaitStats(String portfolio, long applications, long outcomes, long labeled, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode stats =
                    client.get("/v1/portfolios/" + portfolio + "/stats").getBody();
            assertThat(stats.get("applications").asLong()).isEqualTo(applications);
            assertThat(stats.get("outcomes").asLong()).isEqualTo(outcomes);
            assertThat(stats.get("labeled").asLong()).isEqualTo(labeled);
        });
    }

    @Test
    void aFileOverTheRowLimitStopsThereAfterPublishingTheRowsBeforeIt() {
        var limited = new IngestionProperties(
                properties.registerBundledPortfolios(),
                properties.topicPartitions(),
                properties.consumer(),
                new IngestionProperties.CsvImport(10_000, 5_000, 3, Duration.ofSeconds(1), Duration.ofMinutes(2)),
                properties.objectStore());
        String csv = "id,amount,sector,note,outcome\n" + "row-limit-1,10,Farming,a,no\n"
                + "row-limit-2,20,Farming,a,no\n" + "row-limit-3,30,Farming,a,yes\n" + "row-limit-4,40,Farming,a,no\n";

        CsvImportTooLargeException refused = catchThrowableOfType(
                CsvImportTooLargeException.class,
                () -> new CsvImporter(kafka, limited)
                        .importCsv(
                                catalog.registerIfAbsent(PortfolioSchemaReader.read(
                                                SMALL_SCHEMA.replace("csv-test-loans", "csv-row-limit")))
                                        .schema(),
                                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))));

        assertThat(refused.getMessage()).contains("more than 3 data rows");
        assertThat(refused.published().rowsRead()).isEqualTo(3);
        assertThat(refused.published().applicationsPublished()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        jdbc.sql("select count(*) from ingestion.applications where application_id like 'row-limit-%'")
                                        .query(Long.class)
                                        .single()
                                == 3);
    }

    @Test
    void importsTheBundledTaiwanFileWithoutLoss() {
        ResponseEntity<JsonNode> response = importFile("taiwan-cards", SampleData.TAIWAN_CARDS.open());

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode result = response.getBody();
        assertThat(result.get("importId").asString()).isNotBlank();
        assertThat(result.get("rowsRead").asLong()).isEqualTo(30_000);
        assertThat(result.get("applicationsPublished").asLong()).isEqualTo(30_000);
        assertThat(result.get("outcomesPublished").asLong()).isEqualTo(30_000);
        assertThat(result.get("rejected")).isEmpty();
        awaitStats("taiwan-cards", 30_000, 30_000, 30_000, Duration.ofSeconds(120));
        assertThat(jdbc.sql("select count(*) from ingestion.outcomes where portfolio = 'taiwan-cards' and defaulted")
                        .query(Long.class)
                        .single())
                .isEqualTo(6_636);
    }

    @Test
    void importsTheGermanSpaceSeparatedFileWithoutHeaderDerivingIdsFromRowNumbers() {
        ResponseEntity<JsonNode> response = importFile("german-loans", SampleData.GERMAN_LOANS.open());

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody().get("rowsRead").asLong()).isEqualTo(1_000);
        assertThat(response.getBody().get("applicationsPublished").asLong()).isEqualTo(1_000);
        assertThat(response.getBody().get("outcomesPublished").asLong()).isEqualTo(1_000);
        awaitStats("german-loans", 1_000, 1_000, 1_000, Duration.ofSeconds(60));
        String features = jdbc.sql("select features::text from ingestion.applications"
                        + " where portfolio = 'german-loans' and application_id = 'german-loans-1'")
                .query(String.class)
                .single();
        JsonNode first = CreditJson.json().readTree(features);
        assertThat(first.get("checking_status").asString()).isEqualTo("A11");
        assertThat(first.get("duration").asLong()).isEqualTo(6);
        assertThat(first.get("age").asLong()).isEqualTo(67);
        assertThat(jdbc.sql("select count(*) from ingestion.outcomes where portfolio = 'german-loans' and defaulted")
                        .query(Long.class)
                        .single())
                .isEqualTo(300);
    }

    @Test
    void readsQuotedFieldsAndCrlfPublishesOutcomesOnlyWhereTheTargetHasAValueAndReportsBadRows() {
        String csv = "id,amount,sector,note,outcome\r\n"
                + "q-1,\"1200\",\"Retail, online\",a,yes\r\n"
                + "q-2,300,farming,,\r\n"
                + "q-3,-5,Farming,b,no\r\n"
                + "q-4,10,Farming\r\n"
                + ",10,Farming,a,no\r\n"
                + "q-6,10,Farming,a,no\r\n";

        ResponseEntity<JsonNode> response = importText("csv-test-loans", csv);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode result = response.getBody();
        assertThat(result.get("rowsRead").asLong()).isEqualTo(6);
        assertThat(result.get("applicationsPublished").asLong()).isEqualTo(3);
        assertThat(result.get("outcomesPublished").asLong()).isEqualTo(2);
        assertThat(result.get("rejected").findValuesAsString("message"))
                .satisfiesExactly(
                        m -> assertThat(m).contains("amount", "-5"),
                        m -> assertThat(m).contains("3 fields"),
                        m -> assertThat(m).contains("id column"));
        assertThat(result.get("rejected").findValues("row"))
                .extracting(JsonNode::asInt)
                .containsExactly(3, 4, 5);
        awaitStats("csv-test-loans", 3, 2, 2, Duration.ofSeconds(30));
        assertThat(jdbc.sql("select features::text from ingestion.applications where application_id = 'q-1'")
                        .query(String.class)
                        .single())
                .contains("Retail, online");
        assertThat(jdbc.sql("select defaulted from ingestion.outcomes where application_id = 'q-6'")
                        .query(Boolean.class)
                        .single())
                .isFalse();
    }

    @Test
    void rejectsRowsWhoseIdOrTextBreaksTheRulesAndPublishesTheOthers() {
        catalog.registerIfAbsent(
                PortfolioSchemaReader.read(SMALL_SCHEMA.replace("csv-test-loans", "csv-poison-loans")));
        String csv = "id,amount,sector,note,outcome\n"
                + "p-1\u0000,10,Farming,a,no\n"
                + "x".repeat(10_000) + ",10,Farming,a,no\n"
                + "p-3,10,Farming\u0000,a,no\n"
                + "p-4,10,Farming,a,yes\n";

        ResponseEntity<JsonNode> response = importText("csv-poison-loans", csv);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode result = response.getBody();
        assertThat(result.get("rowsRead").asLong()).isEqualTo(4);
        assertThat(result.get("applicationsPublished").asLong()).isEqualTo(1);
        assertThat(result.get("rejected").findValues("row"))
                .extracting(JsonNode::asInt)
                .containsExactly(1, 2, 3);
        assertThat(result.get("rejected").findValuesAsString("message"))
                .satisfiesExactly(
                        m -> assertThat(m).startsWith("the id column id holds the control character U+0000"),
                        m -> assertThat(m)
                                .startsWith("the id column id has 10000 characters; at most 128 are allowed")
                                .hasSizeLessThan(200),
                        m -> assertThat(m).startsWith("sector: holds the control character U+0000"));
        awaitStats("csv-poison-loans", 1, 1, 1, Duration.ofSeconds(30));
    }

    @Test
    void stopsAtBytesThatAreNotUtf8InsteadOfReadingThemAsReplacementCharacters() {
        catalog.registerIfAbsent(
                PortfolioSchemaReader.read(SMALL_SCHEMA.replace("csv-test-loans", "csv-latin1-loans")));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("id,amount,sector,note,outcome\n".getBytes(StandardCharsets.UTF_8));
        for (int row = 1; row <= 1_000; row++) {
            file.writeBytes(("l-" + row + ",10,Farm").getBytes(StandardCharsets.UTF_8));
            if (row == 900) {
                file.write(0xE9); // 'é' in ISO-8859-1, not UTF-8
            }
            file.writeBytes("ing,a,no\n".getBytes(StandardCharsets.UTF_8));
        }

        ResponseEntity<JsonNode> response =
                importFile("csv-latin1-loans", new ByteArrayInputStream(file.toByteArray()));

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode result = response.getBody();
        JsonNode rejected = result.get("rejected");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).get("message").asString())
                .startsWith("unreadable CSV, import stopped here: not valid UTF-8 in this row or shortly after it");
        int stoppedAt = rejected.get(0).get("row").asInt();
        assertThat(stoppedAt).isBetween(2, 900);
        assertThat(result.get("applicationsPublished").asLong()).isEqualTo(stoppedAt - 1);
        assertThat(result.get("rowsRead").asLong()).isEqualTo(stoppedAt - 1);

        byte[] header = {'i', 'd', ',', 'a', 'm', 'o', 'u', 'n', 't', (byte) 0xFF, '\n'};
        ResponseEntity<JsonNode> badHeader = importFile("csv-latin1-loans", new ByteArrayInputStream(header));
        assertThat(badHeader.getStatusCode().value()).isEqualTo(400);
        assertThat(badHeader.getBody().get("detail").asString()).contains("not valid UTF-8");
    }

    @Test
    void rejectsAFileWithoutARequiredColumnAndAnUnknownPortfolio() {
        ResponseEntity<JsonNode> missing = importText("csv-test-loans", "id,amount,outcome\nm-1,5,yes\n");
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody().get("detail").asString()).contains("sector");

        assertThat(importText("no-such-portfolio", "a,b\n1,2\n").getStatusCode().value())
                .isEqualTo(404);
    }
}
