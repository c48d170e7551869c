package io.creditscoring.ingestion.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.sampledata.SampleData;
import io.creditscoring.testsupport.SharedKafka;
import io.creditscoring.testsupport.SharedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImportCommandTest {

    private static String[] args(String portfolio, Path file) {
        return new String[] {
            portfolio,
            file.toString(),
            "--spring.datasource.url=" + SharedPostgres.jdbcUrl(),
            "--spring.datasource.username=" + SharedPostgres.username(),
            "--spring.datasource.password=" + SharedPostgres.password(),
            "--spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers()
        };
    }

    @Test
    void importsAFileFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("german-head.data");
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(SampleData.GERMAN_LOANS.open(), StandardCharsets.UTF_8))) {
            List<String> head = reader.lines().limit(3).collect(Collectors.toList());
            Files.write(file, head);
        }

        ImportResult result = CsvImportCommand.run(args("german-loans", file));

        assertThat(result.rowsRead()).isEqualTo(3);
        assertThat(result.applicationsPublished()).isEqualTo(3);
        assertThat(result.outcomesPublished()).isEqualTo(3);
        assertThat(result.rejected()).isEmpty();
    }
}
