package io.creditscoring.ingestion.csvimport.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditscoring.testsupport.SharedObjectStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reading Parquet files from a real S3-compatible store (S3Proxy on localhost) through ranged GETs: typed values
 * become the text a CSV file would hold, nulls are empty, only the columns read are decoded, and files or columns
 * the import cannot read fail with a reason that names them.
 */
class ParquetRowsTest {

    private static final String BUCKET = "parquet-rows";

    private static final String TYPES = """
            message loan {
              required binary id (STRING);
              optional int32 amount;
              optional int64 balance;
              optional double rate;
              optional float share;
              optional boolean secured;
              optional binary sector (STRING);
              optional int32 price (DECIMAL(9,2));
              optional fixed_len_byte_array(6) limit (DECIMAL(12,3));
              optional int32 count (INTEGER(32,false));
              optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
            }
            """;

    private static final List<String> READ =
            List.of("ID", "Amount", "balance", "rate", "share", "secured", "SECTOR", "price", "limit", "count");

    private static ParquetRows open(String key, byte[] file, List<String> read) {
        SharedObjectStore.put(BUCKET, key, file);
        return ParquetRows.open(new ObjectStoreInputFile(SharedObjectStore.client(), BUCKET, key), read);
    }

    private static List<List<String>> readAll(ParquetRows rows) {
        List<List<String>> all = new ArrayList<>();
        for (List<String> row = rows.next(); row != null; row = rows.next()) {
            all.add(row);
        }
        return all;
    }

    private static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }

    private static Consumer<Group> tags(String... tags) {
        return list -> Arrays.stream(tags).forEach(tag -> list.addGroup("list").append("element", tag));
    }

    @Test
    void typedValuesBecomeTheTextACsvFileWouldHoldAndNullsAreEmpty() throws Exception {
        byte[] file = ParquetTestFiles.write(
                TYPES,
                CompressionCodecName.SNAPPY,
                100,
                List.of(
                        row(
                                "id",
                                "a-1",
                                "amount",
                                1200,
                                "balance",
                                9_000_000_000L,
                                "rate",
                                0.25,
                                "share",
                                0.1f,
                                "secured",
                                true,
                                "sector",
                                "Retail",
                                "price",
                                12345,
                                "limit",
                                sixBytes(-1_500_250),
                                "count",
                                -1,
                                "tags",
                                tags("x", "y")),
                        row("id", "a-2"),
                        row("id", "a-3", "amount", -5, "rate", 1e-7, "secured", false, "sector", "Café ñ")));
        try (ParquetRows rows = open("types.parquet", file, READ)) {
            assertThat(rows.columns())
                    .containsExactly(
                            "id", "amount", "balance", "rate", "share", "secured", "sector", "price", "limit", "count",
                            "tags");
            assertThat(readAll(rows))
                    .containsExactly(
                            List.of(
                                    "a-1",
                                    "1200",
                                    "9000000000",
                                    "0.25",
                                    "0.1",
                                    "true",
                                    "Retail",
                                    "123.45",
                                    "-1500.250",
                                    "4294967295",
                                    ""),
                            List.of("a-2", "", "", "", "", "", "", "", "", "", ""),
                            List.of("a-3", "-5", "", "1.0E-7", "", "false", "Café ñ", "", "", "", ""));
        }
    }

    /** An unscaled decimal as a fixed_len_byte_array(6): big-endian two's complement, sign-extended. */
    private static byte[] sixBytes(long unscaled) {
        byte[] minimal = BigInteger.valueOf(unscaled).toByteArray();
        byte[] six = new byte[6];
        Arrays.fill(six, unscaled < 0 ? (byte) 0xff : 0);
        System.arraycopy(minimal, 0, six, 6 - minimal.length, minimal.length);
        return six;
    }

    @ParameterizedTest
    @EnumSource(
            value = CompressionCodecName.class,
            names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void readsEveryRowGroupOfAFileInEachCommonCodec(CompressionCodecName codec) throws Exception {
        List<Map<String, Object>> written = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            written.add(row("id", "r-" + i, "amount", i * 100, "rate", 1.5, "sector", i % 2 == 0 ? "Retail" : null));
        }
        byte[] file = ParquetTestFiles.write(TYPES, codec, 3, written);

        try (ParquetRows rows = open("codec-" + codec + ".parquet", file, List.of("id", "amount", "sector"))) {
            List<List<String>> read = readAll(rows);
            assertThat(read).extracting(r -> r.get(0)).containsExactly("r-1", "r-2", "r-3", "r-4", "r-5", "r-6", "r-7");
            assertThat(read.get(3)).containsExactly("r-4", "400", "", "", "", "", "Retail", "", "", "", "");
            // the rate column holds 1.5 in every row, but columns not asked for are never decoded: left empty
            assertThat(read.get(4)).containsExactly("r-5", "500", "", "", "", "", "", "", "", "", "");
        }
    }

    @Test
    void aFileWithNoneOfTheColumnsReadStillGivesEveryRow() throws Exception {
        byte[] file = ParquetTestFiles.write(
                TYPES, CompressionCodecName.SNAPPY, 2, List.of(row("id", "e-1"), row("id", "e-2"), row("id", "e-3")));

        try (ParquetRows rows = open("none-read.parquet", file, List.of("nothing"))) {
            assertThat(readAll(rows))
                    .hasSize(3)
                    .allSatisfy(row -> assertThat(row).hasSize(11).containsOnly(""));
        }
    }

    @Test
    void aNestedOrRepeatedColumnThatIsReadFailsNamingTheColumn() {
        byte[] file = ParquetTestFiles.write(
                TYPES, CompressionCodecName.SNAPPY, 100, List.of(row("id", "n-1", "tags", tags("x"))));
        SharedObjectStore.put(BUCKET, "nested.parquet", file);

        assertThatThrownBy(() -> open("nested.parquet", file, List.of("id", "Tags")))
                .isInstanceOf(ParquetImportException.class)
                .hasMessageStartingWith("column 'tags' is a nested group (a struct, list or map)");

        byte[] repeated = ParquetTestFiles.write(
                "message m { required binary id (STRING); repeated int32 scores; }",
                CompressionCodecName.SNAPPY,
                100,
                List.of(row("id", "n-2", "scores", 3)));
        assertThatThrownBy(() -> open("repeated.parquet", repeated, List.of("id", "scores")))
                .isInstanceOf(ParquetImportException.class)
                .hasMessageStartingWith("column 'scores' is a repeated field");

        byte[] timestamps = ParquetTestFiles.write(
                "message m { required binary id (STRING); optional int64 at (TIMESTAMP(MILLIS,true)); }",
                CompressionCodecName.SNAPPY,
                100,
                List.of(row("id", "n-3", "at", 1_700_000_000_000L)));
        assertThatThrownBy(() -> open("timestamps.parquet", timestamps, List.of("id", "at")))
                .isInstanceOf(ParquetImportException.class)
                .hasMessageStartingWith("column 'at' is of type INT64 TIMESTAMP");
    }

    @Test
    void anObjectThatIsNotParquetOrIsCutShortFailsWithTheReason() {
        byte[] csv = "id,amount\nx-1,10\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> open("not-parquet.parquet", csv, List.of("id")))
                .isInstanceOf(ParquetImportException.class)
                .hasMessageStartingWith("s3://" + BUCKET + "/not-parquet.parquet is not a Parquet file");

        byte[] file =
                ParquetTestFiles.write(TYPES, CompressionCodecName.SNAPPY, 100, List.of(row("id", "c-1", "amount", 1)));
        byte[] cut = Arrays.copyOf(file, file.length - 20);
        assertThatThrownBy(() -> open("cut.parquet", cut, List.of("id")))
                .isInstanceOf(ParquetImportException.class)
                .hasMessageContaining("is not a Parquet file, or its footer is damaged");
    }

    @Test
    void aMissingObjectIsTheStoresNoSuchKey() {
        SharedObjectStore.bucket(BUCKET);

        assertThatThrownBy(() -> ParquetRows.open(
                        new ObjectStoreInputFile(SharedObjectStore.client(), BUCKET, "no/such.parquet"), List.of("id")))
                .isInstanceOf(NoSuchKeyException.class);
    }
}
