package io.creditscoring.training.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StratifiedFoldsTest {

    /** 103 rows, every fifth (0, 5, ..., 100: 21 rows) and row 1 and 2 defaulted: 23 defaults. */
    private static int[] labels() {
        int[] y = new int[103];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 5 == 0 || i == 1 || i == 2 ? 1 : 0;
        }
        return y;
    }

    @Test
    void everyFoldGetsItsShareOfRowsAndOfDefaults() {
        int[] y = labels();
        int[] fold = StratifiedFolds.assign(y, 5, 42);

        int[] rows = new int[5];
        int[] defaults = new int[5];
        for (int i = 0; i < y.length; i++) {
            assertThat(fold[i]).isBetween(0, 4);
            rows[fold[i]]++;
            defaults[fold[i]] += y[i];
        }
        // 103 rows: 20 or 21 per fold; 23 defaults: 4 or 5 per fold
        assertThat(rows).containsOnly(20, 21);
        assertThat(defaults).containsOnly(4, 5);
        assertThat(java.util.Arrays.stream(defaults).sum()).isEqualTo(23);
    }

    @Test
    void theSameSeedGivesTheSameFoldsAndAnotherSeedOthers() {
        int[] y = labels();

        assertThat(StratifiedFolds.assign(y, 5, 42)).isEqualTo(StratifiedFolds.assign(y, 5, 42));
        assertThat(StratifiedFolds.assign(y, 5, 43)).isNotEqualTo(StratifiedFolds.assign(y, 5, 42));
    }

    @Test
    void refusesFoldsThatCannotHoldBothOutcomes() {
        int[] y = {1, 1, 0, 0, 0, 0, 0};

        assertThatThrownBy(() -> StratifiedFolds.assign(y, 3, 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 stratified folds of 2 defaults and 5 non-defaults");
        assertThatThrownBy(() -> StratifiedFolds.assign(y, 1, 42)).hasMessageContaining("at least 2 folds");
    }
}
