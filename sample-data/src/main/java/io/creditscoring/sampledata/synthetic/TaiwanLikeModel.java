package io.creditscoring.sampledata.synthetic;

import io.creditscoring.sampledata.SampleData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The generative rule of Taiwan-like applications, fitted to the bundled Taiwan file (docs/benchmarks.md, "Synthetic
 * applications"): the default share of the file; then, per class (defaulted or not), a Gaussian copula over the 23
 * feature columns with each column's empirical distribution in that class. A sample thus keeps the default rate, every
 * feature's distribution within each class (hence its relation to the outcome) and, approximately, the features' rank
 * correlations within each class (payment delays month to month, balances month to month, limit and balances).
 */
public final class TaiwanLikeModel {

    /** The Taiwan file's columns, in its order: ID, the 23 features, the label. */
    public static final List<String> FEATURES = List.of(
            "LIMIT_BAL",
            "SEX",
            "EDUCATION",
            "MARRIAGE",
            "AGE",
            "PAY_0",
            "PAY_2",
            "PAY_3",
            "PAY_4",
            "PAY_5",
            "PAY_6",
            "BILL_AMT1",
            "BILL_AMT2",
            "BILL_AMT3",
            "BILL_AMT4",
            "BILL_AMT5",
            "BILL_AMT6",
            "PAY_AMT1",
            "PAY_AMT2",
            "PAY_AMT3",
            "PAY_AMT4",
            "PAY_AMT5",
            "PAY_AMT6");

    public static final String ID_COLUMN = "ID";
    public static final String LABEL_COLUMN = "defaulted";

    /** Amounts: drawn between neighbouring observed values; the others (codes, delays, limit, age) as observed. */
    private static final Set<String> CONTINUOUS = Set.of(
            "BILL_AMT1",
            "BILL_AMT2",
            "BILL_AMT3",
            "BILL_AMT4",
            "BILL_AMT5",
            "BILL_AMT6",
            "PAY_AMT1",
            "PAY_AMT2",
            "PAY_AMT3",
            "PAY_AMT4",
            "PAY_AMT5",
            "PAY_AMT6");

    /** One class's part of the model: its copula and its columns' distributions. */
    record ClassModel(GaussianCopula copula, List<EmpiricalColumn> columns) {}

    private final double defaultShare;
    private final ClassModel defaulters;
    private final ClassModel others;

    private TaiwanLikeModel(double defaultShare, ClassModel defaulters, ClassModel others) {
        this.defaultShare = defaultShare;
        this.defaulters = defaulters;
        this.others = others;
    }

    /** Fits the model to the bundled Taiwan file (30,000 rows; well under a second). */
    public static TaiwanLikeModel fitToTaiwan() {
        List<long[]> defaulted = new ArrayList<>();
        List<long[]> repaid = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(SampleData.TAIWAN_CARDS.open(), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            List<String> expected = new ArrayList<>();
            expected.add(ID_COLUMN);
            expected.addAll(FEATURES);
            expected.add(LABEL_COLUMN);
            if (header == null || !List.of(header.strip().split(",")).equals(expected)) {
                throw new IllegalStateException("unexpected header of the Taiwan file: " + header);
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.strip().split(",");
                long[] features = new long[FEATURES.size()];
                for (int j = 0; j < features.length; j++) {
                    // whole numbers, some of them in the export's scientific notation (LIMIT_BAL 5.00E+05)
                    features[j] = Math.round(Double.parseDouble(cells[j + 1]));
                }
                (cells[cells.length - 1].equals("1") ? defaulted : repaid).add(features);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled Taiwan file", e);
        }
        double share = (double) defaulted.size() / (defaulted.size() + repaid.size());
        return new TaiwanLikeModel(share, fitClass(defaulted), fitClass(repaid));
    }

    private static ClassModel fitClass(List<long[]> rows) {
        long[][] columns = new long[FEATURES.size()][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            long[] row = rows.get(i);
            for (int j = 0; j < row.length; j++) {
                columns[j][i] = row[j];
            }
        }
        List<EmpiricalColumn> distributions = new ArrayList<>();
        for (int j = 0; j < columns.length; j++) {
            String name = FEATURES.get(j);
            distributions.add(EmpiricalColumn.of(name, columns[j], CONTINUOUS.contains(name)));
        }
        return new ClassModel(GaussianCopula.fit(columns), List.copyOf(distributions));
    }

    /** The default share of the Taiwan file (6,636 of 30,000). */
    public double defaultShare() {
        return defaultShare;
    }

    ClassModel model(boolean defaulted) {
        return defaulted ? defaulters : others;
    }
}
