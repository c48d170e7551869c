package io.creditscoring.training.dataset;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.Sha256;
import io.creditscoring.model.portfolio.PortfolioSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The labelled rows a Spark job read from a data set at a path, as it wrote them for the service (its output's
 * {@code training-set/}: JSON lines of {@code application_id}, {@code defaulted} and {@code features}, in the job's
 * row order; {@code part-*.json} files are read in name order). Read with the same
 * lenient reading as ingestion's tables ({@link TrainingSetReader#parse}); the hash is over the lines as written.
 */
public final class TrainingSetFiles {

    private TrainingSetFiles() {}

    public static TrainingSet read(Path directory, PortfolioSchema schema) {
        MessageDigest digest = Sha256.newDigest();
        List<LabelledRow> rows = new ArrayList<>();
        int defaults = 0;
        try (Stream<Path> listed = Files.list(directory)) {
            List<Path> parts = listed.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith("part-") && name.endsWith(".json");
                    })
                    .sorted()
                    .toList();
            for (Path part : parts) {
                try (BufferedReader lines = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.isBlank()) {
                            continue;
                        }
                        digest.update((line + '\n').getBytes(StandardCharsets.UTF_8));
                        JsonNode row = CreditJson.json().readTree(line);
                        boolean defaulted = row.get("defaulted").asBoolean();
                        JsonNode features = row.get("features");
                        rows.add(new LabelledRow(
                                row.get("application_id").asString(),
                                null,
                                TrainingSetReader.parse(
                                        features == null ? "{}" : features.toString(), schema.features()),
                                defaulted));
                        defaults += defaulted ? 1 : 0;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rows the Spark job wrote to " + directory, e);
        }
        return new TrainingSet(rows, Sha256.hex(digest), defaults);
    }
}
