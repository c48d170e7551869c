package io.creditscoring.catalog;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.PortfolioSchemaReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The versioned portfolio schemas in PostgreSQL. Registering an unchanged schema keeps its version; a changed
 * one gets the next version, and the highest version is the one in force.
 */
public class PortfolioCatalog {

    private final JdbcClient jdbc;

    public PortfolioCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The schema in force for a portfolio, if it is registered. */
    public Optional<RegisteredPortfolio> find(String portfolio) {
        return jdbc.sql("""
                        select portfolio, version, created_at, schema_json::text as schema_json
                        from catalog.portfolio_schemas where portfolio = ?
                        order by version desc limit 1
                        """).param(portfolio).query(PortfolioCatalog::map).optional();
    }

    /** A given version of a portfolio's schema. */
    public Optional<RegisteredPortfolio> find(String portfolio, int version) {
        return jdbc.sql("""
                        select portfolio, version, created_at, schema_json::text as schema_json
                        from catalog.portfolio_schemas where portfolio = ? and version = ?
                        """)
                .param(portfolio)
                .param(version)
                .query(PortfolioCatalog::map)
                .optional();
    }

    /** Every registered portfolio's schema in force, by portfolio id. */
    public List<RegisteredPortfolio> list() {
        return jdbc.sql("""
                        select distinct on (portfolio) portfolio, version, created_at, schema_json::text as schema_json
                        from catalog.portfolio_schemas order by portfolio, version desc
                        """).query(PortfolioCatalog::map).list();
    }

    /** Registers a checked schema; returns the stored version (unchanged when the schema is the same). */
    @Transactional
    public RegisteredPortfolio register(PortfolioSchema schema) {
        PortfolioSchemaReader.validate(schema);
        Optional<RegisteredPortfolio> current = find(schema.portfolio());
        if (current.isPresent() && current.get().schema().equals(schema)) {
            return current.get();
        }
        int version = current.map(c -> c.version() + 1).orElse(1);
        jdbc.sql("insert into catalog.portfolio_schemas (portfolio, version, schema_json) values (?, ?, ?::jsonb)")
                .param(schema.portfolio())
                .param(version)
                .param(CreditJson.json().writeValueAsString(schema))
                .update();
        return find(schema.portfolio(), version).orElseThrow();
    }

    /** Registers a schema only when the portfolio has none yet (used for the bundled portfolios). */
    @Transactional
    public RegisteredPortfolio registerIfAbsent(PortfolioSchema schema) {
        return find(schema.portfolio()).orElseGet(() -> register(schema));
    }

    private static RegisteredPortfolio map(ResultSet rs, int row) throws SQLException {
        return new RegisteredPortfolio(
                rs.getString("portfolio"),
                rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(),
                PortfolioSchemaReader.read(rs.getString("schema_json")));
    }
}
