package io.creditscoring.training;

import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A portfolio's rows as a Parquet file typed the way a data pipeline (Spark with inferred types, say) writes them,
 * not as text: the id a 64-bit integer, the target and every categorical feature 32-bit integers (so the job must read
 * {@code 2} as the schema's category {@code "2"}), numeric features doubles, or 32-bit integers where asked. Written by
 * Parquet's own writer (snappy, as Spark writes by default); an empty value is a null.
 */
final class ParquetDataSet {

    private ParquetDataSet() {}

    /**
     * @param header the columns' names, as in the CSV the rows come from
     * @param rows the values of each row in header order, as text
     * @param integerNumbers numeric features written as 32-bit integers rather than doubles
     */
    static byte[] of(PortfolioSchema schema, List<String> header, List<List<String>> rows, Set<String> integerNumbers) {
        Map<String, PrimitiveTypeName> types = new HashMap<>();
        for (FeatureSpec feature : schema.features()) {
            types.put(
                    feature.name(),
                    feature.isCategorical() || integerNumbers.contains(feature.name())
                            ? PrimitiveTypeName.INT32
                            : PrimitiveTypeName.DOUBLE);
        }
        types.put(schema.idColumn(), PrimitiveTypeName.INT64);
        types.put(schema.target().column(), PrimitiveTypeName.INT32);
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (String column : header) {
            PrimitiveTypeName type = types.get(column);
            if (type == null) {
                throw new IllegalArgumentException("column '" + column + "' is not in the schema");
            }
            message.addField(
                    type == PrimitiveTypeName.DOUBLE
                            ? Types.optional(type).named(column)
                            : Types.optional(type)
                                    .as(LogicalTypeAnnotation.intType(bits(type), true))
                                    .named(column));
        }
        MessageType type = message.named("applications");
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        try {
            Path file = Files.createTempFile("data-set-", ".parquet");
            Files.delete(file);
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                    .withConf(new PlainParquetConfiguration())
                    .withType(type)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .build()) {
                for (List<String> row : rows) {
                    Group group = groups.newGroup();
                    for (int i = 0; i < header.size(); i++) {
                        add(group, type.getType(i), row.get(i).strip());
                    }
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

    private static int bits(PrimitiveTypeName type) {
        return type == PrimitiveTypeName.INT64 ? 64 : 32;
    }

    private static void add(Group group, Type column, String value) {
        if (value.isEmpty()) {
            return;
        }
        switch (column.asPrimitiveType().getPrimitiveTypeName()) {
            case INT64 -> group.add(column.getName(), Long.parseLong(value));
            case INT32 -> group.add(column.getName(), Integer.parseInt(value));
            case DOUBLE -> group.add(column.getName(), Double.parseDouble(value));
            default -> throw new IllegalStateException("no value of type " + column);
        }
    }
}
