package io.creditscoring.console.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AuditFilterTest {

    @Test
    void daysAreWholeUtcDaysWithTheLastOneIncludedAndUnsetFiltersAreEmpty() {
        AuditFilter filter =
                new AuditFilter(" ", " approver-1 ", "", LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 1), 42L);

        assertThat(filter.variables(51))
                .containsExactly("2026-11-30T00:00:00Z", "2026-12-02T00:00:00Z", "", "approver-1", "42", 51);
        assertThat(filter.service()).isNull();
    }

    @Test
    void theNextPageKeepsTheFiltersAndTheFirstPageDropsTheCursor() {
        AuditFilter filter = new AuditFilter("scoring-api", "a b", "api-key.create", null, null, null);

        assertThat(filter.olderThan(17).link())
                .isEqualTo("/admin/audit?service=scoring-api&actor=a%20b&action=api-key.create&before=17");
        assertThat(filter.olderThan(17).firstPage().link())
                .isEqualTo("/admin/audit?service=scoring-api&actor=a%20b&action=api-key.create");
    }
}
