package io.creditscoring.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.InvalidPortfolioSchemaException;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.TargetSpec;
import io.creditscoring.testsupport.SharedPostgres;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class PortfolioCatalogTest {

    private static PortfolioCatalog catalog;

    @BeforeAll
    static void migrate() {
        new CatalogSchemaMigration(SharedPostgres.dataSource());
        new CatalogSchemaMigration(SharedPostgres.dataSource()); // a second service starting: no change, no error
        catalog = new PortfolioCatalog(JdbcClient.create(SharedPostgres.dataSource()));
    }

    @Test
    void registersAndReadsBackTheBundledSchemas() {
        PortfolioSchema taiwan = BundledPortfolios.taiwanCards();
        RegisteredPortfolio stored = catalog.registerIfAbsent(taiwan);

        assertThat(stored.version()).isEqualTo(1);
        assertThat(catalog.find(taiwan.portfolio()).orElseThrow().schema()).isEqualTo(taiwan);
        assertThat(catalog.list()).extracting(RegisteredPortfolio::portfolio).contains(taiwan.portfolio());
    }

    @Test
    void unchangedSchemaKeepsItsVersionAndAChangedOneGetsTheNext() {
        String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
        PortfolioSchema v1 = schema(id, "Amount");
        assertThat(catalog.register(v1).version()).isEqualTo(1);
        assertThat(catalog.register(v1).version()).isEqualTo(1);

        PortfolioSchema v2 = schema(id, "Loan amount");
        assertThat(catalog.register(v2).version()).isEqualTo(2);
        assertThat(catalog.find(id).orElseThrow().schema()).isEqualTo(v2);
        assertThat(catalog.find(id, 1).orElseThrow().schema()).isEqualTo(v1);
    }

    @Test
    void refusesAnInvalidSchema() {
        PortfolioSchema noTarget = new PortfolioSchema(
                "bad-one", null, null, null, null, List.of(FeatureSpec.numeric("x", null, null, null)));
        assertThatThrownBy(() -> catalog.register(noTarget)).isInstanceOf(InvalidPortfolioSchemaException.class);
        assertThat(catalog.find("bad-one")).isEmpty();
    }

    private static PortfolioSchema schema(String id, String reason) {
        return new PortfolioSchema(
                id,
                null,
                null,
                new TargetSpec("y", "1"),
                null,
                List.of(FeatureSpec.numeric("amount", 0.0, null, reason)));
    }
}
