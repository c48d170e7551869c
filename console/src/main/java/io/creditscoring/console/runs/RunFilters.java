package io.creditscoring.console.runs;

import java.util.stream.Stream;

/**
 * The run list's filters as the GET form sends them (so a filtered view is a link); blank means all. Public, as the
 * template calls its methods.
 */
public record RunFilters(
        String portfolio, String status, String engine, String from, String to, String q, Integer page) {

    public int pageOrFirst() {
        return page == null || page < 0 ? 0 : page;
    }

    /** Whether any filter is set (the page then offers to clear them). */
    public boolean any() {
        return Stream.of(portfolio, status, engine, from, to, q).anyMatch(s -> s != null && !s.isBlank());
    }
}
