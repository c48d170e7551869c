package io.creditscoring.sampledata.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.sampledata.SampleData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The synthetic applications against the bundled Taiwan file they imitate: the targets are computed here from the
 * file itself (its own small parser, not the generator's fit), the sample is 20,000 rows drawn with a fixed seed.
 */
class TaiwanLikeGeneratorTest {

    private static final int SAMPLE = 20_000;
    private static TaiwanLikeModel model;
    private static Table taiwan;
    private static Table synthetic;

    /** Columns by name, rows as read: the Taiwan file or a generated CSV. */
    record Table(List<String> header, List<long[]> rows) {
        int column(String name) {
            return header.indexOf(name);
        }

        double[] values(String name) {
            int j = column(name);
            return rows.stream().mapToDouble(r -> r[j]).toArray();
        }

        static Table read(BufferedReader reader) throws IOException {
            List<String> header = List.of(reader.readLine().strip().split(","));
            List<long[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(Arrays.stream(line.strip().split(","))
                            .mapToLong(cell -> Math.round(Double.parseDouble(cell)))
                            .toArray());
                }
            }
            return new Table(header, rows);
        }
    }

    @BeforeAll
    static void readBoth() throws IOException {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(SampleData.TAIWAN_CARDS.open(), StandardCharsets.UTF_8))) {
            taiwan = Table.read(in);
        }
        model = TaiwanLikeModel.fitToTaiwan();
        synthetic = Table.read(new BufferedReader(new StringReader(csv(7, SAMPLE))));
    }

    private static String csv(long seed, int rows) throws IOException {
        StringWriter out = new StringWriter();
        new TaiwanLikeGenerator(model, seed).writeCsv(rows, out);
        return out.toString();
    }

    @Test
    void aSeedGivesTheSameFileAndAnotherSeedAnother() throws IOException {
        String first = csv(11, 2_000);
        assertThat(csv(11, 2_000)).isEqualTo(first);
        assertThat(csv(12, 2_000)).isNotEqualTo(first);
    }

    @Test
    void theFileHasTaiwansLayoutAndUniqueIds() {
        assertThat(synthetic.header()).isEqualTo(taiwan.header());
        assertThat(synthetic.rows()).hasSize(SAMPLE);
        Set<Long> ids = new HashSet<>();
        synthetic.rows().forEach(r -> ids.add(r[0]));
        assertThat(ids).hasSize(SAMPLE);
    }

    @Test
    void theDefaultShareIsTaiwans() {
        assertThat(mean(synthetic.values("defaulted"))).isCloseTo(mean(taiwan.values("defaulted")), within(0.01));
    }

    @Test
    void marginalsAreTaiwans() {
        assertThat(mean(synthetic.values("LIMIT_BAL")))
                .isCloseTo(mean(taiwan.values("LIMIT_BAL")), within(0.03 * mean(taiwan.values("LIMIT_BAL"))));
        assertThat(mean(synthetic.values("AGE"))).isCloseTo(mean(taiwan.values("AGE")), within(0.5));
        assertThat(median(synthetic.values("BILL_AMT1")))
                .isCloseTo(median(taiwan.values("BILL_AMT1")), within(0.05 * median(taiwan.values("BILL_AMT1"))));
        assertThat(share(synthetic, "EDUCATION", 2, 2)).isCloseTo(share(taiwan, "EDUCATION", 2, 2), within(0.015));
        assertThat(share(synthetic, "PAY_0", 1, 9)).isCloseTo(share(taiwan, "PAY_0", 1, 9), within(0.015));
        assertThat(share(synthetic, "PAY_AMT1", 0, 0)).isCloseTo(share(taiwan, "PAY_AMT1", 0, 0), within(0.015));
    }

    @Test
    void valuesStayWithinTaiwansRange() {
        for (String column : TaiwanLikeModel.FEATURES) {
            double[] observed = taiwan.values(column);
            double[] drawn = synthetic.values(column);
            assertThat(min(drawn)).as(column).isGreaterThanOrEqualTo(min(observed));
            assertThat(max(drawn)).as(column).isLessThanOrEqualTo(max(observed));
        }
    }

    @Test
    void theFeaturesRelateToTheOutcomeAsInTaiwan() {
        assertThat(correlation(synthetic, "PAY_0", "defaulted"))
                .isCloseTo(correlation(taiwan, "PAY_0", "defaulted"), within(0.03));
        assertThat(correlation(synthetic, "LIMIT_BAL", "defaulted"))
                .isCloseTo(correlation(taiwan, "LIMIT_BAL", "defaulted"), within(0.03));
    }

    @Test
    void theFeaturesRankCorrelationsAreTaiwans() {
        // what the copula keeps: rank (Spearman) correlations; month to month balances and delays, limit and balance
        assertThat(rankCorrelation(synthetic, "BILL_AMT1", "BILL_AMT2"))
                .isCloseTo(rankCorrelation(taiwan, "BILL_AMT1", "BILL_AMT2"), within(0.05));
        assertThat(rankCorrelation(synthetic, "PAY_0", "PAY_2"))
                .isCloseTo(rankCorrelation(taiwan, "PAY_0", "PAY_2"), within(0.1));
        assertThat(rankCorrelation(synthetic, "LIMIT_BAL", "BILL_AMT1"))
                .isCloseTo(rankCorrelation(taiwan, "LIMIT_BAL", "BILL_AMT1"), within(0.05));
        assertThat(rankCorrelation(synthetic, "LIMIT_BAL", "AGE"))
                .isCloseTo(rankCorrelation(taiwan, "LIMIT_BAL", "AGE"), within(0.05));
    }

    /** Spearman's correlation: Pearson's of the average ranks. */
    private static double rankCorrelation(Table table, String a, String b) {
        return pearson(ranks(table.values(a)), ranks(table.values(b)));
    }

    private static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
        double[] ranks = new double[values.length];
        for (int start = 0, end; start < order.length; start = end + 1) {
            end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            for (int i = start; i <= end; i++) {
                ranks[order[i]] = (start + end) / 2.0;
            }
        }
        return ranks;
    }

    private static double share(Table table, String column, long from, long to) {
        int j = table.column(column);
        return table.rows().stream().filter(r -> r[j] >= from && r[j] <= to).count()
                / (double) table.rows().size();
    }

    private static double correlation(Table table, String a, String b) {
        return pearson(table.values(a), table.values(b));
    }

    private static double pearson(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
