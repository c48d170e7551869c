package io.creditscoring.console.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditPageTest {

    private static Map<String, Object> row(long id) {
        return Map.of("auditId", id, "action", "a" + id);
    }

    @Test
    void mergesServicesNewestFirstByIdAndPagesOnFromTheLastRowShown() {
        List<Map<String, Object>> scoring = List.of(row(9), row(4), row(2));
        List<Map<String, Object>> training = List.of(row(8), row(7), row(1));

        AuditPage page = AuditPage.merge(List.of(scoring, training), 4);

        assertThat(page.rows()).extracting(r -> r.get("auditId")).containsExactly(9L, 8L, 7L, 4L);
        assertThat(page.olderThan()).isEqualTo(4L);
    }

    @Test
    void aPageThatHoldsEveryMatchingRowHasNoOlderPage() {
        AuditPage page = AuditPage.merge(List.of(List.of(row(3)), List.of(row(5), row(1)), List.of()), 3);

        assertThat(page.rows()).extracting(r -> r.get("auditId")).containsExactly(5L, 3L, 1L);
        assertThat(page.olderThan()).isNull();
    }
}
