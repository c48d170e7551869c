package io.creditscoring.ingestion.intake;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.catalog.RegisteredPortfolio;
import io.creditscoring.model.portfolio.PortfolioSchema;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The ingestion consumer's reading of one {@code credit.applications} record, as {@link ApplicationRecordReader}
 * does it before the batch is written, for the skew test: the features JSON it stores, or the fields it rejects.
 */
public final class IngestionReads {

    private final SchemaLookup schemas;

    public IngestionReads(PortfolioSchema schema) {
        RegisteredPortfolio registered = new RegisteredPortfolio(schema.portfolio(), 1, Instant.EPOCH, schema);
        this.schemas = new SchemaLookup(new PortfolioCatalog(null) {
            @Override
            public Optional<RegisteredPortfolio> find(String portfolio) {
                return portfolio.equals(schema.portfolio()) ? Optional.of(registered) : Optional.empty();
            }
        });
    }

    /**
     * What ingestion makes of a record.
     *
     * @param storedFeatures the features JSON written to {@code ingestion.applications}, or null when rejected
     * @param rejectedFields the fields of every fault when rejected
     */
    public record Stored(String storedFeatures, List<String> rejectedFields) {}

    public Stored read(String applicationId, String value) {
        ConsumerRecord<String, String> record =
                new ConsumerRecord<>("credit.applications", 0, 0L, applicationId, value);
        try {
            ApplicationRow row = new ApplicationRecordReader().read(record, schemas.forBatch());
            return new Stored(row.featuresJson(), List.of());
        } catch (RecordRejectedException e) {
            return new Stored(
                    null,
                    e.rejection().faults().stream().map(Rejection.Fault::field).toList());
        }
    }
}
