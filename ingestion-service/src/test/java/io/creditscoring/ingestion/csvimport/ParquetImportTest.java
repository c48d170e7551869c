package io.creditscoring.ingestion.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.ingestion.csvimport.parquet.ParquetTestFiles;
import io.creditscoring.testsupport.SharedObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The object-store import of Parquet files, end to end: a file written by Parquet's own writer is uploaded to a real
 * S3-compatible server (S3Proxy on localhost), imported through the REST API and stored by the intake, with the
 * same validation, rejections, idempotent ids and progress records as a CSV file.
 */
class ParquetImportTest extends ObjectStoreImportTestSupport {

    /** Column names differ in case from the schema's (amount, sector): matched ignoring case, as in CSV. */
    private static final String LOANS = """
            message loans {
              required binary id (STRING);
              optional int32 AMOUNT;
              optional binary Sector (STRING);
              optional binary outcome (STRING);
              optional group notes (LIST) { repeated group list { optional binary element (STRING); } }
            }
            """;

    /**
     * Twelve rows in three row groups: row 5 has no outcome (a null), row 7 a negative amount (rejected), row 9
     * repeats row 2 (the same id and values), row 10 spells its sector in lower case.
     */
    private static byte[] loans() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            Map<String, Object> row = new HashMap<>();
            int n = i == 9 ? 2 : i;
            row.put("id", "pq-" + n);
            row.put("AMOUNT", i == 7 ? -1 : n * 10);
            row.put("Sector", i == 10 ? "farming" : "Retail");
            row.put("outcome", i == 5 ? null : n % 4 == 0 ? "yes" : "no");
            // a nested column the schema does not name is never read
            row.put("notes", (Consumer<Group>) list -> list.addGroup("list").append("element", "checked"));
            rows.add(row);
        }
        return ParquetTestFiles.write(LOANS, CompressionCodecName.SNAPPY, 5, rows);
    }

    @Test
    void importsAParquetFileWithTheSameValidationRejectionsAndIdsAsACsvFile() {
        String portfolio = portfolio("parquet-import-loans");
        byte[] file = loans();
        SharedObjectStore.put(BUCKET, "parquet/2026-11.parquet", file);
        String importId = UUID.randomUUID().toString();

        ResponseEntity<JsonNode> accepted =
                importFromStore(portfolio, "s3://" + BUCKET + "/parquet/2026-11.parquet", importId);

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        JsonNode done = awaitFinished(portfolio, importId);
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("source").asString()).isEqualTo("s3://" + BUCKET + "/parquet/2026-11.parquet");
        assertThat(done.get("rowsRead").asLong()).isEqualTo(12);
        assertThat(done.get("applicationsPublished").asLong()).isEqualTo(11);
        // every published row has an outcome but row 5, whose outcome is null
        assertThat(done.get("outcomesPublished").asLong()).isEqualTo(10);
        assertThat(done.get("rejectedCount").asLong()).isEqualTo(1);
        assertThat(done.get("rejected").get(0).get("row").asInt()).isEqualTo(7);
        assertThat(done.get("rejected").get(0).get("message").asString()).startsWith("amount: ");
        // row 9 repeats row 2: stored once
        awaitStored(portfolio, 10, 9);

        // the same file under a key without an extension, named by format: a replay, nothing new is stored
        SharedObjectStore.put(BUCKET, "parquet/export-2026-11", file);
        JsonNode replayed = importedFromStore(portfolio, "s3://" + BUCKET + "/parquet/export-2026-11", "parquet");
        assertThat(replayed.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(replayed.get("applicationsPublished").asLong()).isEqualTo(11);
        awaitStored(portfolio, 10, 9);
    }

    @Test
    void anObjectThatIsNotParquetFailsTheImportWithTheReason() {
        String portfolio = portfolio("parquet-corrupt-loans");
        SharedObjectStore.put(BUCKET, "parquet/broken.parquet", "id,amount\nx-1,10\n".getBytes(StandardCharsets.UTF_8));

        JsonNode failed = importedFromStore(portfolio, "s3://" + BUCKET + "/parquet/broken.parquet", null);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("failureReason").asString())
                .startsWith("s3://" + BUCKET + "/parquet/broken.parquet is not a Parquet file");
        assertThat(failed.get("rowsRead").asLong()).isZero();
    }

    @Test
    void aNestedColumnTheSchemaNamesFailsTheImportNamingTheColumn() {
        String portfolio = portfolio("parquet-nested-loans");
        byte[] file = ParquetTestFiles.write(
                """
                message loans {
                  required binary id (STRING);
                  optional int32 amount;
                  optional group sector { optional binary code (STRING); }
                }
                """, CompressionCodecName.SNAPPY, 100, List.of(Map.of("id", "pn-1", "amount", 10, "sector", (Consumer<
                                Group>)
                        g -> g.append("code", "Retail"))));
        SharedObjectStore.put(BUCKET, "parquet/nested.parquet", file);

        JsonNode failed = importedFromStore(portfolio, "s3://" + BUCKET + "/parquet/nested.parquet", null);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("failureReason").asString())
                .startsWith("column 'sector' is a nested group (a struct, list or map)");
    }
}
