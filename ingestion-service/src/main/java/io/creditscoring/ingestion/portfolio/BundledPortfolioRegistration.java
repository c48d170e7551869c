package io.creditscoring.ingestion.portfolio;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.ingestion.IngestionProperties;
import io.creditscoring.model.portfolio.BundledPortfolios;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Registers the bundled portfolios at start-up when they are absent; a schema changed by a user is kept. */
@Component
class BundledPortfolioRegistration {

    private static final Logger log = LoggerFactory.getLogger(BundledPortfolioRegistration.class);

    private final PortfolioCatalog catalog;
    private final IngestionProperties properties;

    BundledPortfolioRegistration(PortfolioCatalog catalog, IngestionProperties properties) {
        this.catalog = catalog;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerBundled() {
        if (!properties.registerBundledPortfolios()) {
            return;
        }
        BundledPortfolios.all().forEach(schema -> {
            var stored = catalog.registerIfAbsent(schema);
            log.info("Portfolio '{}' registered at version {}", stored.portfolio(), stored.version());
        });
    }
}
