package io.creditscoring.console.admin;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit page's filters, as the form sends them (every field optional). Dates are whole UTC days, both
 * included.
 */
record AuditFilter(String service, String actor, String action, LocalDate from, LocalDate to, Long before) {

    AuditFilter {
        service = blankToNull(service);
        actor = blankToNull(actor);
        action = blankToNull(action);
    }

    /** The services' query parameters: empty strings for the filters not set (the services read them as absent). */
    Object[] variables(int limit) {
        return new Object[] {
            from == null ? "" : from.atStartOfDay(ZoneOffset.UTC).toInstant().toString(),
            to == null
                    ? ""
                    : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString(),
            action == null ? "" : action,
            actor == null ? "" : actor,
            before == null ? "" : before.toString(),
            limit
        };
    }

    static final String QUERY =
            "/v1/audit?from={from}&to={to}&action={action}&keyId={keyId}&before={before}&limit={limit}";

    /** The same filters on the next page: rows below the smallest id shown. */
    AuditFilter olderThan(long auditId) {
        return new AuditFilter(service, actor, action, from, to, auditId);
    }

    /** The same filters from the newest row on. */
    AuditFilter firstPage() {
        return new AuditFilter(service, actor, action, from, to, null);
    }

    /** This filter as the console page's own link (only the filters set). */
    String link() {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/admin/audit");
        add(link, "service", service);
        add(link, "actor", actor);
        add(link, "action", action);
        add(link, "from", from);
        add(link, "to", to);
        add(link, "before", before);
        return link.encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder link, String name, Object value) {
        if (value != null) {
            link.queryParam(name, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
