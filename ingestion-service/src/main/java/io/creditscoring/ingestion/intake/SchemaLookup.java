package io.creditscoring.ingestion.intake;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.catalog.RegisteredPortfolio;
import io.creditscoring.ingestion.validation.ApplicationValidator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The validators of the schemas in force. Each batch reads the catalog once per portfolio it names (so a newly
 * registered version applies from the next batch); validators are built once per schema version.
 */
@Component
class SchemaLookup {

    private final PortfolioCatalog catalog;
    private final Map<String, ApplicationValidator> validators = new ConcurrentHashMap<>();

    SchemaLookup(PortfolioCatalog catalog) {
        this.catalog = catalog;
    }

    /** A lookup for one batch. */
    ForBatch forBatch() {
        return new ForBatch();
    }

    /** The schema versions in force while one batch is processed. */
    final class ForBatch {

        private final Map<String, Optional<Versioned>> seen = new HashMap<>();

        Optional<Versioned> find(String portfolio) {
            return seen.computeIfAbsent(portfolio, p -> catalog.find(p).map(SchemaLookup.this::versioned));
        }
    }

    private Versioned versioned(RegisteredPortfolio registered) {
        ApplicationValidator validator = validators.computeIfAbsent(
                registered.portfolio() + "@" + registered.version(),
                key -> ApplicationValidator.forSchema(registered.schema()));
        return new Versioned(registered.version(), validator);
    }

    /** A schema version and its validator. */
    record Versioned(int version, ApplicationValidator validator) {}
}
