package io.creditscoring.model.portfolio;

import java.util.List;

/** The schemas shipped with the platform for its two bundled public data sets. */
public final class BundledPortfolios {

    public static final String TAIWAN_CARDS = "taiwan-cards";
    public static final String GERMAN_LOANS = "german-loans";

    private BundledPortfolios() {}

    public static PortfolioSchema taiwanCards() {
        return PortfolioSchemaReader.readResource("portfolios/taiwan-cards.yaml");
    }

    public static PortfolioSchema germanLoans() {
        return PortfolioSchemaReader.readResource("portfolios/german-loans.yaml");
    }

    public static List<PortfolioSchema> all() {
        return List.of(taiwanCards(), germanLoans());
    }
}
