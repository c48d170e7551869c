package io.creditscoring.ingestion.csvimport.parquet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The rows of a Parquet file as text, the way a CSV import sees a file: {@link #columns()} is the header (every
 * top-level column, in file order) and {@link #next()} one row, each field as the text a CSV export would hold
 * ({@link ColumnText}), empty for a null. Only the columns the import reads are fetched and decoded (matched by name
 * ignoring case, the first one when two differ only in case); the others are left empty, whatever their type.
 * One row group is held in memory at a time, its chunks of the columns read and nothing else.
 */
public final class ParquetRows implements AutoCloseable {

    private final String source;
    private final ParquetFileReader reader;
    private final List<String> columns;
    private final MessageColumnIO columnIO;
    private final RowMaterializer materializer;
    private RecordReader<String[]> records;
    private long leftInRowGroup;
    private int rowGroup;

    private ParquetRows(String source, ParquetFileReader reader, Collection<String> read) {
        this.source = source;
        this.reader = reader;
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        this.columns = schema.getFields().stream().map(Type::getName).toList();
        Set<String> wanted = new HashSet<>();
        read.forEach(name -> wanted.add(name.trim().toLowerCase(Locale.ROOT)));
        List<Type> projected = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            // trimmed as the importer trims header names, so that both pick the same column
            if (wanted.remove(columns.get(i).trim().toLowerCase(Locale.ROOT))) {
                projected.add(schema.getType(i));
                positions.add(i);
            }
        }
        MessageType requested = new MessageType(schema.getName(), projected);
        this.materializer = new RowMaterializer(columns.size(), projected, positions);
        reader.setRequestedSchema(requested);
        this.columnIO = new ColumnIOFactory().getColumnIO(requested, schema);
    }

    /**
     * Reads the file's footer and checks the columns the import reads.
     *
     * @param read the names of the columns the import needs (id, target, features); others are never decoded
     * @throws ParquetImportException when the file is not Parquet, its footer is damaged, or a column read is of a
     *     type the import does not read (nested, repeated, timestamps, ...)
     */
    public static ParquetRows open(InputFile file, Collection<String> read) {
        ParquetReadOptions options =
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(file, options);
        } catch (SdkException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ParquetImportException(
                    file + " is not a Parquet file, or its footer is damaged: " + e.getMessage(), e);
        }
        try {
            return new ParquetRows(file.toString(), reader, read);
        } catch (RuntimeException e) {
            closeQuietly(reader, e);
            throw e;
        }
    }

    /** Every top-level column of the file, in order. */
    public List<String> columns() {
        return columns;
    }

    /**
     * The next row, a text per column ({@code ""} for a null or a column not read); null after the last.
     *
     * @throws ParquetImportException when a row group cannot be read or decoded
     */
    public List<String> next() {
        try {
            while (leftInRowGroup == 0) {
                PageReadStore pages = reader.readNextRowGroup();
                if (pages == null) {
                    return null;
                }
                rowGroup++;
                leftInRowGroup = pages.getRowCount();
                records = columnIO.getRecordReader(pages, materializer);
            }
            leftInRowGroup--;
            return Arrays.asList(records.read());
        } catch (SdkException | ParquetImportException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ParquetImportException(
                    "could not read row group " + rowGroup + " of " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static void closeQuietly(ParquetFileReader reader, Exception failure) {
        try {
            reader.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Builds each record as an array of texts, one per top-level column of the file. */
    private static final class RowMaterializer extends RecordMaterializer<String[]> {

        /** The record being read: the converters of the columns read write into it. */
        private final String[] row;

        private final GroupConverter root;

        RowMaterializer(int width, List<Type> projected, List<Integer> positions) {
            this.row = new String[width];
            Converter[] fields = new Converter[projected.size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = ColumnText.of(projected.get(i), row, positions.get(i));
            }
            this.root = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return fields[fieldIndex];
                }

                @Override
                public void start() {
                    Arrays.fill(row, "");
                }

                @Override
                public void end() {}
            };
        }

        @Override
        public String[] getCurrentRecord() {
            return row.clone();
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }
}
