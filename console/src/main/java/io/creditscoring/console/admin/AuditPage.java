package io.creditscoring.console.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One page of the audit log merged from several services: newest first by audit id (the services share one id
 * sequence), at most {@code size} rows, and the smallest id shown when older rows exist.
 *
 * @param rows the rows shown
 * @param olderThan the id to page on from (the last row's), or null when nothing older matched
 */
record AuditPage(List<Map<String, Object>> rows, Long olderThan) {

    /**
     * Merges each service's answer (each newest first, asked for {@code size + 1} rows, so that one more row than
     * fits says an older page exists).
     */
    static AuditPage merge(List<List<Map<String, Object>>> answers, int size) {
        List<Map<String, Object>> all = new ArrayList<>();
        answers.forEach(all::addAll);
        all.sort(Comparator.comparingLong(AuditPage::id).reversed());
        if (all.size() <= size) {
            return new AuditPage(List.copyOf(all), null);
        }
        List<Map<String, Object>> shown = List.copyOf(all.subList(0, size));
        return new AuditPage(shown, id(shown.getLast()));
    }

    private static long id(Map<String, Object> row) {
        return ((Number) row.get("auditId")).longValue();
    }
}
