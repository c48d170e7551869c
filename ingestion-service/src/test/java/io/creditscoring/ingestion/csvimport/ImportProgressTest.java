package io.creditscoring.ingestion.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.testsupport.SharedObjectStore;
import io.creditscoring.testsupport.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Imports' progress records and the object-store import of CSV files, against the shared PostgreSQL and Kafka
 * broker and a real S3-compatible server (S3Proxy) on localhost.
 */
class ImportProgressTest extends ObjectStoreImportTestSupport {

    private static final String OTHER_BUCKET = "someone-elses";

    @BeforeEach
    void otherBucket() {
        SharedObjectStore.bucket(OTHER_BUCKET);
    }

    /** {@code rows} rows with ids {@code <prefix>-1...}; every row whose number is in {@code bad} has amount -1. */
    private static String csv(String prefix, int rows, int... bad) {
        StringBuilder csv = new StringBuilder("id,amount,sector,outcome\n");
        for (int row = 1; row <= rows; row++) {
            int r = row;
            boolean isBad = java.util.Arrays.stream(bad).anyMatch(b -> b == r);
            csv.append(prefix)
                    .append('-')
                    .append(row)
                    .append(',')
                    .append(isBad ? -1 : row * 10)
                    .append(",Retail,")
                    .append(row % 4 == 0 ? "yes" : "no")
                    .append('\n');
        }
        return csv.toString();
    }

    @Test
    void importsACsvFileFromTheObjectStoreInTheBackgroundAndRecordsItsCounts() {
        String portfolio = portfolio("s3-import-loans");
        SharedObjectStore.put(
                BUCKET, "taiwan/batch-1.csv", csv("s3a", 40, 7, 31).getBytes(StandardCharsets.UTF_8));
        String importId = UUID.randomUUID().toString();

        ResponseEntity<JsonNode> accepted =
                importFromStore(portfolio, "s3://" + BUCKET + "/taiwan/batch-1.csv", importId);

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(accepted.getBody().get("importId").asString()).isEqualTo(importId);
        assertThat(accepted.getBody().get("status").asString()).isEqualTo("RUNNING");
        assertThat(accepted.getHeaders().getLocation()).hasPath("/v1/portfolios/" + portfolio + "/imports/" + importId);
        JsonNode done = awaitFinished(portfolio, importId);
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("source").asString()).isEqualTo("s3://" + BUCKET + "/taiwan/batch-1.csv");
        assertThat(done.get("rowsRead").asLong()).isEqualTo(40);
        assertThat(done.get("applicationsPublished").asLong()).isEqualTo(38);
        // rows 4, 8, ..., 40 say "yes"; every row has an outcome except the two rejected ones
        assertThat(done.get("outcomesPublished").asLong()).isEqualTo(38);
        assertThat(done.get("rejectedCount").asLong()).isEqualTo(2);
        assertThat(done.get("rejected").findValues("row"))
                .extracting(JsonNode::asInt)
                .containsExactly(7, 31);
        assertThat(done.get("finishedAt").isNull()).isFalse();
        awaitStored(portfolio, 38, 38);

        JsonNode page =
                client.get("/v1/portfolios/" + portfolio + "/imports?size=5").getBody();
        assertThat(page.get("imports").findValuesAsString("importId")).contains(importId);
        JsonNode audit =
                client.get("/v1/audit?action=import.object-store&limit=1000").getBody();
        assertThat(audit.findValuesAsString("detail"))
                .contains("import " + importId + " of s3://" + BUCKET + "/taiwan/batch-1.csv queued");

        // the same object again is a new import (a replay for the intake: ids are stable)
        assertThat(importedFromStore(portfolio, "s3://" + BUCKET + "/taiwan/batch-1.csv", null)
                        .get("applicationsPublished")
                        .asLong())
                .isEqualTo(38);
        assertThat(client.get("/v1/portfolios/" + portfolio + "/imports")
                        .getBody()
                        .get("total")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void readsAGzippedCsvObjectAsItStreams() throws IOException {
        String portfolio = portfolio("s3-gzip-loans");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(csv("s3gz", 12).getBytes(StandardCharsets.UTF_8));
        }
        SharedObjectStore.put(BUCKET, "gz/batch.csv.gz", gz.toByteArray());

        JsonNode done = importedFromStore(portfolio, "s3://" + BUCKET + "/gz/batch.csv.gz", null);
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("applicationsPublished").asLong()).isEqualTo(12);
        awaitStored(portfolio, 12, 12);
    }

    @Test
    void aMissingObjectFailsTheImportWithTheReason() {
        String portfolio = portfolio("s3-missing-loans");

        ResponseEntity<JsonNode> accepted = importFromStore(portfolio, "s3://" + BUCKET + "/no/such-file.csv", null);

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        JsonNode failed =
                awaitFinished(portfolio, accepted.getBody().get("importId").asString());
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("failureReason").asString())
                .isEqualTo("the object s3://" + BUCKET + "/no/such-file.csv does not exist");
        assertThat(failed.get("rowsRead").asLong()).isZero();
    }

    @Test
    void refusesBucketsNotAllowedAndOtherSchemesWithProblemDetails() {
        String portfolio = portfolio("s3-refused-loans");
        SharedObjectStore.put(OTHER_BUCKET, "secret.csv", csv("s3x", 2).getBytes(StandardCharsets.UTF_8));

        for (String source : new String[] {
            "s3://" + OTHER_BUCKET + "/secret.csv",
            "file:///etc/passwd",
            "http://127.0.0.1:1/x.csv",
            "/tmp/x.csv",
            "s3://"
        }) {
            ResponseEntity<JsonNode> refused = importFromStore(portfolio, source, null);
            assertThat(refused.getStatusCode().value()).as(source).isEqualTo(400);
            assertThat(refused.getHeaders().getContentType()).as(source).hasToString("application/problem+json");
        }
        assertThat(importFromStore(portfolio, "s3://" + OTHER_BUCKET + "/secret.csv", null)
                        .getBody()
                        .get("detail")
                        .asString())
                .contains("bucket '" + OTHER_BUCKET + "' is not one imports may read");
        assertThat(client.get("/v1/portfolios/" + portfolio + "/imports")
                        .getBody()
                        .get("total")
                        .asLong())
                .isZero();
    }

    @Test
    void aCsvBodyImportShowsItsProgressWhileItUploadsAndItsOutcomeAfter() throws Exception {
        String portfolio = portfolio("progress-body-loans");
        String importId = UUID.randomUUID().toString();
        String file = csv("pb", 15, 12);
        int firstTen = file.indexOf("pb-11,");
        // a chunked upload written by this thread: the first ten rows, then a pause while the test looks
        HttpURLConnection upload =
                (HttpURLConnection) URI.create("http://localhost:" + port + "/v1/portfolios/" + portfolio + "/imports")
                        .toURL()
                        .openConnection();
        upload.setRequestMethod("POST");
        upload.setDoOutput(true);
        upload.setChunkedStreamingMode(4096);
        upload.setRequestProperty("X-API-Key", TestKeys.ALL_ROLES);
        upload.setRequestProperty("Content-Type", "text/csv");
        upload.setRequestProperty("X-Import-Id", importId);
        try (OutputStream out = upload.getOutputStream()) {
            out.write(file.substring(0, firstTen).getBytes(StandardCharsets.UTF_8));
            out.flush();

            // ten of its fifteen rows are sent and the upload waits: the record says RUNNING with 10 rows counted
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        JsonNode running = client.get("/v1/portfolios/" + portfolio + "/imports/" + importId)
                                .getBody();
                        assertThat(running.get("status").asString()).isEqualTo("RUNNING");
                        assertThat(running.get("rowsRead").asLong()).isEqualTo(10);
                        assertThat(running.get("applicationsPublished").asLong())
                                .isEqualTo(10);
                        assertThat(running.get("source").asString()).isEqualTo("request body");
                        assertThat(running.get("finishedAt").isNull()).isTrue();
                    });

            out.write(file.substring(firstTen).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(upload.getResponseCode()).isEqualTo(200);
        upload.disconnect();
        JsonNode done = client.get("/v1/portfolios/" + portfolio + "/imports/" + importId)
                .getBody();
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("rowsRead").asLong()).isEqualTo(15);
        assertThat(done.get("applicationsPublished").asLong()).isEqualTo(14);
        assertThat(done.get("rejectedCount").asLong()).isEqualTo(1);
        assertThat(done.get("rejected").get(0).get("row").asInt()).isEqualTo(12);
        awaitStored(portfolio, 14, 14);
    }

    @Test
    void importIdsAreUuidsUsedOnceAndUnknownOnesAreNotFound() {
        String portfolio = portfolio("progress-id-loans");
        SharedObjectStore.put(BUCKET, "ids/one.csv", csv("pid", 3).getBytes(StandardCharsets.UTF_8));
        String importId = UUID.randomUUID().toString();

        assertThat(importFromStore(portfolio, "s3://" + BUCKET + "/ids/one.csv", importId)
                        .getStatusCode()
                        .value())
                .isEqualTo(202);
        assertThat(importFromStore(portfolio, "s3://" + BUCKET + "/ids/one.csv", importId)
                        .getStatusCode()
                        .value())
                .isEqualTo(409);
        assertThat(importFromStore(portfolio, "s3://" + BUCKET + "/ids/one.csv", "not-a-uuid")
                        .getStatusCode()
                        .value())
                .isEqualTo(400);

        ResponseEntity<JsonNode> unknown = client.get("/v1/portfolios/" + portfolio + "/imports/" + UUID.randomUUID());
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(client.get("/v1/portfolios/" + portfolio + "/imports/not-a-uuid")
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        // another portfolio's import is not found under this one
        assertThat(client.get("/v1/portfolios/german-loans/imports/" + importId)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        awaitFinished(portfolio, importId);
    }

    @Test
    void theApiDocsDescribeBothImportBodiesAndTheProgressCalls() {
        JsonNode paths = client.get("/v3/api-docs").getBody().get("paths");

        assertThat(paths.get("/v1/portfolios/{portfolio}/imports")
                        .get("post")
                        .get("requestBody")
                        .get("content")
                        .propertyNames())
                .contains("text/csv", "application/json");
        assertThat(paths.get("/v1/portfolios/{portfolio}/imports").has("get")).isTrue();
        assertThat(paths.get("/v1/portfolios/{portfolio}/imports/{importId}").has("get"))
                .isTrue();
    }
}
