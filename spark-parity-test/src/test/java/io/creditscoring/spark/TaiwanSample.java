package io.creditscoring.spark;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.pipeline.contract.RawValues;
import io.creditscoring.sampledata.SampleData;
import io.creditscoring.testsupport.SharedPostgres;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The first rows of the bundled Taiwan file, stored in ingestion's tables as ingestion stores them (cleaned
 * features as JSON, integral numbers as integers, one outcome per application), under a portfolio of the test's own.
 */
final class TaiwanSample {

    private TaiwanSample() {}

    /** The bundled Taiwan schema under another portfolio name. */
    static PortfolioSchema schema(String portfolio, PortfolioSchema taiwan) {
        return new PortfolioSchema(
                portfolio, taiwan.description(), taiwan.idColumn(), taiwan.target(), taiwan.csv(), taiwan.features());
    }

    static int load(PortfolioSchema schema, int rows) {
        SharedPostgres.migrate("ingestion");
        List<Object[]> applications = new ArrayList<>();
        List<Object[]> outcomes = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (Reader in = new InputStreamReader(SampleData.TAIWAN_CARDS.open(), StandardCharsets.UTF_8);
                CSVParser parser =
                        CSVParser.builder().setReader(in).setFormat(format).get()) {
            long offset = 0;
            for (CSVRecord record : parser) {
                if (offset == rows) {
                    break;
                }
                Map<String, Object> features = new LinkedHashMap<>();
                for (FeatureSpec f : schema.features()) {
                    String raw = record.get(f.name()).trim();
                    features.put(f.name(), f.isNumeric() ? RawValues.storedNumber(Double.parseDouble(raw)) : raw);
                }
                String id = record.get(schema.idColumn()).trim();
                boolean defaulted = record.get(schema.target().column())
                        .trim()
                        .equals(schema.target().positive());
                String json = CreditJson.json().writeValueAsString(features);
                applications.add(new Object[] {schema.portfolio(), id, json, json, "sample", "sample", 0, offset});
                outcomes.add(new Object[] {schema.portfolio(), id, defaulted, "{}", "sample", "sample", 0, offset});
                offset++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JdbcTemplate jdbc = new JdbcTemplate(SharedPostgres.dataSource());
        jdbc.batchUpdate("""
                insert into ingestion.applications (portfolio, application_id, features, raw_payload, payload_sha256,
                    source_topic, source_partition, source_offset)
                values (?, ?, ?::jsonb, ?, ?, ?, ?, ?) on conflict do nothing
                """, applications);
        jdbc.batchUpdate("""
                insert into ingestion.outcomes (portfolio, application_id, defaulted, raw_payload, payload_sha256,
                    source_topic, source_partition, source_offset)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
                """, outcomes);
        return applications.size();
    }
}
