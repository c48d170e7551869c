package io.creditscoring.ingestion.portfolio;

import io.creditscoring.catalog.PortfolioCatalog;
import io.creditscoring.catalog.RegisteredPortfolio;
import io.creditscoring.model.portfolio.InvalidPortfolioSchemaException;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.PortfolioSchemaReader;
import io.creditscoring.model.portfolio.SchemaGovernance;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.security.AuditLog;
import io.creditscoring.security.Audited;
import io.creditscoring.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portfolio registry: register a schema (YAML or JSON; APPROVER keys), list and read the schemas in force.
 * A protected attribute fed to the model, or a change of a feature's protection, needs a justification on that
 * feature (see {@link SchemaGovernance}); it is stored with the schema and written to the audit log.
 */
@RestController
@RequestMapping("/v1/portfolios")
@Tag(name = "Portfolios", description = "Portfolio schemas: features, target, and how files are laid out")
class PortfolioController {

    private final PortfolioCatalog catalog;

    PortfolioController(PortfolioCatalog catalog) {
        this.catalog = catalog;
    }

    @PutMapping(
            path = "/{portfolio}",
            consumes = {
                "application/yaml",
                "application/x-yaml",
                "text/yaml",
                MediaType.APPLICATION_JSON_VALUE,
                MediaType.TEXT_PLAIN_VALUE
            })
    @Audited("portfolio.register")
    @Operation(summary = "Register or update a portfolio schema; an unchanged schema keeps its version")
    RegisteredPortfolio register(@PathVariable String portfolio, @RequestBody String body, HttpServletRequest http) {
        PortfolioSchema schema;
        try {
            schema = PortfolioSchemaReader.read(body);
        } catch (InvalidPortfolioSchemaException e) {
            throw ApiProblemException.validation("The portfolio schema is invalid.", e.violations());
        }
        if (!portfolio.equals(schema.portfolio())) {
            throw ApiProblemException.validation(
                    "The schema names another portfolio than the path.",
                    List.of(new SchemaViolation(
                            "portfolio", "is '" + schema.portfolio() + "' but the path says '" + portfolio + "'")));
        }
        var governed =
                SchemaGovernance.governedChanges(catalog.find(portfolio).map(RegisteredPortfolio::schema), schema);
        List<SchemaViolation> unjustified = governed.stream()
                .filter(change -> !change.justified())
                .map(change -> new SchemaViolation(change.field(), "needs a justification: " + change.change()))
                .toList();
        if (!unjustified.isEmpty()) {
            throw ApiProblemException.validation(
                    "Protected attributes as model inputs, and changes of a feature's protection, need a"
                            + " justification.",
                    unjustified);
        }
        RegisteredPortfolio registered = catalog.register(schema);
        http.setAttribute(
                AuditLog.DETAIL_ATTRIBUTE,
                "version " + registered.version()
                        + (governed.isEmpty()
                                ? ""
                                : "; governed: "
                                        + governed.stream()
                                                .map(SchemaGovernance.GovernedChange::describe)
                                                .collect(Collectors.joining("; "))));
        return registered;
    }

    @GetMapping
    @Operation(summary = "Every registered portfolio with its schema in force")
    List<RegisteredPortfolio> list() {
        return catalog.list();
    }

    @GetMapping("/{portfolio}")
    @Operation(summary = "One portfolio's schema in force")
    RegisteredPortfolio get(@PathVariable String portfolio) {
        return catalog.find(portfolio)
                .orElseThrow(() -> ApiProblemException.notFound("unknown portfolio '" + portfolio + "'"));
    }
}
