package io.creditscoring.sampledata;

import java.io.InputStream;

/** The bundled public data sets, read from the classpath. Attribution: this module's README.md. */
public enum SampleData {
    TAIWAN_CARDS("taiwan-cards", "datasets/taiwan_default_of_credit_card_clients.csv", 30_000),
    GERMAN_LOANS("german-loans", "datasets/german_credit.data", 1_000);

    private final String portfolio;
    private final String resource;
    private final int rows;

    SampleData(String portfolio, String resource, int rows) {
        this.portfolio = portfolio;
        this.resource = resource;
        this.rows = rows;
    }

    public String portfolio() {
        return portfolio;
    }

    /** Number of data rows in the file (not counting a header). */
    public int rows() {
        return rows;
    }

    /** Opens the file; the caller closes the stream. */
    public InputStream open() {
        InputStream in = SampleData.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("bundled data set missing from the classpath: " + resource);
        }
        return in;
    }
}
