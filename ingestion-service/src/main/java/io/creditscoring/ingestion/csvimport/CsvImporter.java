package io.creditscoring.ingestion.csvimport;

import io.creditscoring.ingestion.IngestionProperties;
import io.creditscoring.ingestion.validation.ApplicationValidator;
import io.creditscoring.ingestion.validation.FeatureValidation;
import io.creditscoring.ingestion.validation.FeatureViolation;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.IdentifierRule;
import io.creditscoring.model.events.LoanApplicationEvent;
import io.creditscoring.model.events.LoanOutcomeEvent;
import io.creditscoring.model.events.Topics;
import io.creditscoring.model.portfolio.CsvLayout;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Streams a portfolio's CSV file to Kafka, row by row: each row becomes an application on
 * {@code credit.applications} and, where the target column has a value, an outcome on {@code credit.outcomes}.
 * Columns are mapped by the schema's CSV layout (delimiter, header row or listed columns); ids come from the id
 * column, else from the row number ({@code <portfolio>-<row>}). Rows are checked with the same validator as the
 * consumer so that the caller hears about bad rows at once; bad rows are reported, not published. Ids from the
 * id column follow the platform's {@link IdentifierRule}. The file must be UTF-8: bytes that are not stop the
 * import where the reader meets them (rather than being read as U+FFFD), or refuse the whole file when met
 * before its first row. The file is never held in memory: at most
 * {@code max-in-flight} unacknowledged rows are pending at any time. The rows of a Parquet file come through
 * {@link #importRows} as the texts a CSV file would hold, and from there take the same path.
 */
@Service
public class CsvImporter {

    /** The response lists at most this many rejected rows; the log has them all. */
    public static final int MAX_REPORTED_REJECTIONS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(CsvImporter.class);
    private static final long SEND_TIMEOUT_SECONDS = 60;
    private static final String NOT_UTF8 = "the file must be encoded in UTF-8";

    private final KafkaTemplate<String, String> kafka;
    private final IngestionProperties.CsvImport settings;

    CsvImporter(KafkaTemplate<String, String> kafka, IngestionProperties properties) {
        this.kafka = kafka;
        this.settings = properties.csvImport();
    }

    /**
     * Imports one file for a portfolio under a new id, without recording progress; the caller closes the stream.
     *
     * @throws CsvImportException when the header lacks a column the schema needs
     */
    public ImportResult importCsv(PortfolioSchema schema, InputStream csv) {
        return importCsv(schema, csv, UUID.randomUUID(), ImportProgressListener.NONE);
    }

    /**
     * Imports one file for a portfolio under the given id, telling {@code progress} how far it has come every
     * {@code progress-every} rows or {@code progress-interval} (counting only rows the broker acknowledged); the
     * caller closes the stream.
     *
     * @throws CsvImportException when the header lacks a column the schema needs
     */
    ImportResult importCsv(PortfolioSchema schema, InputStream csv, UUID id, ImportProgressListener progress) {
        CsvLayout layout = schema.csvLayout();
        CSVFormat.Builder format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(layout.delimiterChar())
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true);
        if (layout.hasHeader()) {
            format.setHeader().setSkipHeaderRecord(true);
        } else {
            format.setHeader(layout.columns().toArray(String[]::new));
        }
        // a decoder of its own reports malformed input instead of replacing it
        Reader reader = new InputStreamReader(csv, StandardCharsets.UTF_8.newDecoder());
        try (CSVParser parser =
                CSVParser.builder().setReader(reader).setFormat(format.get()).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            return importRows(schema, parser.getHeaderNames(), () -> nextCsvRow(records), id, progress);
        } catch (CharacterCodingException e) {
            throw new CsvImportException("the file is not valid UTF-8 in its first rows: " + NOT_UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the CSV body", e);
        }
    }

    /**
     * Imports the rows of a file in another format (Parquet), given as the texts a CSV file would hold: the same
     * column mapping, row limit, validation, rejections, ids, back-pressure and progress as a CSV file.
     *
     * @param header the file's column names
     * @param rows the rows, each a text per column of the header; failures of the source propagate
     * @throws CsvImportException when the header lacks a column the schema needs
     */
    ImportResult importRows(
            PortfolioSchema schema, List<String> header, RowSource rows, UUID id, ImportProgressListener progress) {
        String importId = id.toString();
        Run run = new Run(importId, schema, columns(schema, header), progress);
        log.info("Import {} of portfolio {} started", importId, schema.portfolio());
        while (true) {
            List<String> row;
            try {
                row = rows.next();
            } catch (UnreadableRowException e) {
                run.reject(run.rowsRead + 1, e.getMessage());
                break;
            }
            if (row == null) {
                break;
            }
            if (run.rowsRead >= settings.maxRows()) {
                throw new CsvImportTooLargeException(settings.maxRows(), run.finish());
            }
            run.row(row);
        }
        return run.finish();
    }

    /** The columns an import reads: the id column, the target column and every feature, as the schema names them. */
    static List<String> columnsRead(PortfolioSchema schema) {
        List<String> names = new ArrayList<>();
        if (schema.idColumn() != null) {
            names.add(schema.idColumn());
        }
        if (schema.target() != null) {
            names.add(schema.target().column());
        }
        schema.features().forEach(feature -> names.add(feature.name()));
        return names;
    }

    /** A file's rows, one at a time. */
    @FunctionalInterface
    interface RowSource {

        /**
         * The next row's fields, {@code ""} where a field is empty; null after the last row.
         *
         * @throws UnreadableRowException when the file cannot be read past this point: the import ends here with
         *     the row rejected
         */
        List<String> next();
    }

    /** A row the file's reader cannot get past: rejected with this message, and the import ends there. */
    static final class UnreadableRowException extends RuntimeException {

        UnreadableRowException(String message) {
            super(message);
        }
    }

    private static List<String> nextCsvRow(Iterator<CSVRecord> records) {
        try {
            return records.hasNext() ? records.next().toList() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new UnreadableRowException("unreadable CSV, import stopped here: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        // the reader decodes ahead, so the bytes at fault are in this row or a few kilobytes further
        return cause instanceof CharacterCodingException
                ? "not valid UTF-8 in this row or shortly after it; " + NOT_UTF8
                : cause.getMessage();
    }

    /** Where the id, the target and every feature are in each row. */
    private record Columns(int id, int target, Map<String, Integer> features, int width) {}

    private static Columns columns(PortfolioSchema schema, List<String> header) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i) != null) {
                byName.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
            }
        }
        Map<String, Integer> features = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (FeatureSpec feature : schema.features()) {
            Integer index = byName.get(feature.name().toLowerCase(Locale.ROOT));
            if (index != null) {
                features.put(feature.name(), index);
            } else if (!feature.allowsMissing()) {
                missing.add(feature.name());
            }
        }
        int id = -1;
        if (schema.idColumn() != null) {
            Integer index = byName.get(schema.idColumn().toLowerCase(Locale.ROOT));
            if (index == null) {
                missing.add(schema.idColumn() + " (id column)");
            } else {
                id = index;
            }
        }
        if (!missing.isEmpty()) {
            throw new CsvImportException(
                    "the file has no column for " + String.join(", ", missing) + "; its columns are " + header);
        }
        int target = schema.target() == null
                ? -1
                : byName.getOrDefault(schema.target().column().toLowerCase(Locale.ROOT), -1);
        return new Columns(id, target, features, header.size());
    }

    /** The state of one import. */
    private final class Run {

        private final String importId;
        private final PortfolioSchema schema;
        private final ApplicationValidator validator;
        private final Columns columns;
        private final String positive;
        private final Instant startedAt = Instant.now();
        private final ImportProgressListener progress;
        private final long progressIntervalNanos;
        private long lastProgressNanos = System.nanoTime();
        private final List<CompletableFuture<?>> inFlight = new ArrayList<>();
        private final List<ImportResult.RejectedRow> rejected = new ArrayList<>();
        private long rowsRead;
        private long rejectedCount;
        private long applications;
        private long outcomes;
        private long pendingApplications;
        private long pendingOutcomes;

        Run(String importId, PortfolioSchema schema, Columns columns, ImportProgressListener progress) {
            this.importId = importId;
            this.progress = progress;
            this.progressIntervalNanos = settings.progressInterval().toNanos();
            this.schema = schema;
            this.validator = ApplicationValidator.forSchema(schema);
            this.columns = columns;
            this.positive =
                    schema.target() == null ? null : schema.target().positive().trim();
        }

        void row(List<String> record) {
            long row = ++rowsRead;
            if (record.size() != columns.width()) {
                reject(row, "has " + record.size() + " fields, expected " + columns.width());
                return;
            }
            String applicationId;
            if (columns.id() < 0) {
                applicationId = schema.portfolio() + "-" + row;
            } else {
                String id = record.get(columns.id());
                applicationId = id.trim();
                // control characters first: trimming would drop those at the ends
                Optional<String> fault = IdentifierRule.textFault(id)
                        .or(() -> applicationId.isEmpty()
                                ? Optional.empty()
                                : IdentifierRule.APPLICATION_ID.fault(applicationId));
                if (fault.isPresent()) {
                    reject(row, "the id column " + schema.idColumn() + " " + fault.get());
                    return;
                }
            }
            if (applicationId.isEmpty()) {
                reject(row, "the id column " + schema.idColumn() + " is empty");
                return;
            }
            Map<String, Object> raw = HashMap.newHashMap(columns.features().size());
            columns.features().forEach((name, index) -> raw.put(name, record.get(index)));
            FeatureValidation validation = validator.validate(raw);
            if (!validation.isValid()) {
                reject(row, describe(validation.violations()));
                return;
            }
            Instant now = Instant.now();
            send(
                    Topics.APPLICATIONS,
                    applicationId,
                    new LoanApplicationEvent(applicationId, schema.portfolio(), now, validation.cleaned()));
            pendingApplications++;
            if (columns.target() >= 0) {
                String target = record.get(columns.target()).trim();
                if (!target.isEmpty()) {
                    send(
                            Topics.OUTCOMES,
                            applicationId,
                            new LoanOutcomeEvent(applicationId, schema.portfolio(), target.equals(positive), now));
                    pendingOutcomes++;
                }
            }
            if (inFlight.size() >= settings.maxInFlight()) {
                awaitInFlight();
            }
            boolean everyRows = row % settings.progressEvery() == 0;
            if (everyRows || System.nanoTime() - lastProgressNanos >= progressIntervalNanos) {
                // acknowledged rows only: a progress record never counts a row the broker may still lose
                awaitInFlight();
                progress.progress(counts());
                lastProgressNanos = System.nanoTime();
            }
            if (everyRows) {
                log.info(
                        "Import {} of portfolio {}: {} rows read, {} applications and {} outcomes published, {} rejected",
                        importId,
                        schema.portfolio(),
                        row,
                        applications,
                        outcomes,
                        rejectedCount);
            }
        }

        ImportCounts counts() {
            return new ImportCounts(rowsRead, applications, outcomes, rejectedCount, List.copyOf(rejected));
        }

        void reject(long row, String message) {
            rejectedCount++;
            if (rejected.size() < MAX_REPORTED_REJECTIONS) {
                rejected.add(new ImportResult.RejectedRow(row, message));
            }
            log.debug("Import {} row {} rejected: {}", importId, row, message);
        }

        ImportResult finish() {
            awaitInFlight();
            log.info(
                    "Import {} of portfolio {} done in {} ms: {} rows read, {} applications and {} outcomes published,"
                            + " {} rejected",
                    importId,
                    schema.portfolio(),
                    Duration.between(startedAt, Instant.now()).toMillis(),
                    rowsRead,
                    applications,
                    outcomes,
                    rejectedCount);
            return new ImportResult(importId, rowsRead, applications, outcomes, List.copyOf(rejected));
        }

        private void send(String topic, String key, Object event) {
            inFlight.add(kafka.send(topic, key, CreditJson.json().writeValueAsString(event)));
        }

        private void awaitInFlight() {
            try {
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                        .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImportPublishException("import " + importId + " interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new ImportPublishException(
                        "import " + importId + " could not publish to Kafka after " + applications + " applications",
                        e);
            }
            inFlight.clear();
            applications += pendingApplications;
            outcomes += pendingOutcomes;
            pendingApplications = 0;
            pendingOutcomes = 0;
        }
    }

    static String describe(List<FeatureViolation> violations) {
        return violations.stream().map(v -> v.feature() + ": " + v.message()).collect(Collectors.joining("; "));
    }
}
