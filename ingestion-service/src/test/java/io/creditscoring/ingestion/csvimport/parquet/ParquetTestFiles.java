package io.creditscoring.ingestion.csvimport.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Small Parquet files for tests, written by Parquet's own writer (the library the import reads with). */
public final class ParquetTestFiles {

    private ParquetTestFiles() {}

    /**
     * A Parquet file of the given rows.
     *
     * @param schema the file's schema in Parquet's text form ({@code message m { required binary id (STRING); }})
     * @param rowsPerGroup rows per row group, so that a small file can still have several
     * @param rows column name to value (Integer, Long, Float, Double, Boolean, String, byte[] for a binary, or a
     *     {@code Consumer<Group>} that fills a nested column); an absent or null value is a null
     */
    public static byte[] write(
            String schema, CompressionCodecName codec, int rowsPerGroup, List<Map<String, Object>> rows) {
        MessageType type = MessageTypeParser.parseMessageType(schema);
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        try {
            Path file = Files.createTempFile("import-test-", ".parquet");
            Files.delete(file);
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                    .withConf(new PlainParquetConfiguration())
                    .withType(type)
                    .withCompressionCodec(codec)
                    .withRowGroupRowCountLimit(rowsPerGroup)
                    .build()) {
                for (Map<String, Object> row : rows) {
                    Group group = groups.newGroup();
                    row.forEach((column, value) -> add(group, column, value));
                    writer.write(group);
                }
            }
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void add(Group group, String column, Object value) {
        switch (value) {
            case null -> {}
            case Integer v -> group.add(column, v);
            case Long v -> group.add(column, v);
            case Float v -> group.add(column, v);
            case Double v -> group.add(column, v);
            case Boolean v -> group.add(column, v);
            case String v -> group.add(column, v);
            case byte[] v -> group.add(column, Binary.fromConstantByteArray(v));
            case Consumer<?> nested -> ((Consumer<Group>) nested).accept(group.addGroup(column));
            default -> throw new IllegalArgumentException("no Parquet value for " + value.getClass());
        }
    }
}
