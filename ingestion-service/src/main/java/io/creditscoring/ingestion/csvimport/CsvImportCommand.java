package io.creditscoring.ingestion.csvimport;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.catalog.RegisteredPortfolio;
import io.creditscoring.ingestion.IngestionServiceApplication;
import io.creditscoring.model.CreditJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The CSV import from the command line, with the service's configuration but without its web server or
 * consumers:
 *
 * <pre>
 * java -cp ingestion-service-exec.jar -Dloader.main=io.creditscoring.ingestion.csvimport.CsvImportCommand \
 *     org.springframework.boot.loader.launch.PropertiesLauncher taiwan-cards data.csv \
 *     --spring.datasource.url=... --spring.kafka.bootstrap-servers=...
 * </pre>
 *
 * Prints the import result as JSON; exits with 1 when the portfolio is unknown or the file cannot be imported.
 */
public final class CsvImportCommand {

    private CsvImportCommand() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: CsvImportCommand <portfolio> <file.csv> [--spring.property=value ...]");
            System.exit(2);
        }
        try {
            ImportResult result = run(args);
            System.out.println(CreditJson.json().writeValueAsString(result));
        } catch (IllegalArgumentException | CsvImportException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** Imports {@code args[1]} for portfolio {@code args[0]}; further arguments configure the service. */
    static ImportResult run(String... args) {
        String portfolio = args[0];
        Path file = Path.of(args[1]);
        List<String> springArgs = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
        springArgs.add("--ingestion.consumer.auto-startup=false");
        try (ConfigurableApplicationContext context = IngestionServiceApplication.builder()
                .web(WebApplicationType.NONE)
                .run(springArgs.toArray(String[]::new))) {
            RegisteredPortfolio registered = context.getBean(PortfolioCatalog.class)
                    .find(portfolio)
                    .orElseThrow(() -> new IllegalArgumentException("unknown portfolio '" + portfolio + "'"));
            try (InputStream in = Files.newInputStream(file)) {
                return context.getBean(CsvImporter.class).importCsv(registered.schema(), in);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file, e);
            }
        }
    }
}
