package io.creditscoring.export.onnx;

import java.util.List;
import java.util.Map;

/**
 * The parity gate of every training run: scores rows with ONNX Runtime on the exported bytes and compares each
 * probability with the in-JVM model's. It fails when the largest absolute difference exceeds {@link #TOLERANCE}
 * (1e-5), or when exactly one of the two is NaN. Rows are scored in batches of {@link #BATCH_SIZE}.
 */
public final class OnnxParityGate {

    public static final double TOLERANCE = 1e-5;
    static final int BATCH_SIZE = 2048;

    private final double tolerance;

    public OnnxParityGate() {
        this(TOLERANCE);
    }

    public OnnxParityGate(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        }
        this.tolerance = tolerance;
    }

    /**
     * Measures the largest |ONNX - JVM| probability difference.
     *
     * @param onnx the exported artifact
     * @param rows raw feature values per row
     * @param jvmProbabilities the in-JVM model's probability for each row, in order
     */
    public ParityReport measure(byte[] onnx, List<? extends Map<String, ?>> rows, double[] jvmProbabilities) {
        if (rows.size() != jvmProbabilities.length) {
            throw new IllegalArgumentException(
                    rows.size() + " rows but " + jvmProbabilities.length + " in-JVM probabilities");
        }
        double max = 0;
        int worst = -1;
        try (OnnxModelRunner runner = OnnxModelRunner.load(onnx)) {
            for (int from = 0; from < rows.size(); from += BATCH_SIZE) {
                int to = Math.min(rows.size(), from + BATCH_SIZE);
                double[] onnxProbabilities = runner.probabilities(rows.subList(from, to));
                for (int r = from; r < to; r++) {
                    double diff = difference(onnxProbabilities[r - from], jvmProbabilities[r]);
                    if (worst < 0 || diff > max) {
                        max = diff;
                        worst = r;
                    }
                }
            }
        }
        return new ParityReport(rows.size(), max, worst, tolerance);
    }

    /** Measures and throws {@link OnnxParityException} when the gate fails. */
    public ParityReport check(byte[] onnx, List<? extends Map<String, ?>> rows, double[] jvmProbabilities) {
        ParityReport report = measure(onnx, rows, jvmProbabilities);
        if (!report.passed()) {
            throw new OnnxParityException(report);
        }
        return report;
    }

    private static double difference(double onnx, double jvm) {
        if (Double.isNaN(onnx) || Double.isNaN(jvm)) {
            return Double.isNaN(onnx) && Double.isNaN(jvm) ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return Math.abs(onnx - jvm);
    }

    /**
     * The outcome of a parity check.
     *
     * @param rows rows compared
     * @param maxAbsDiff the largest |ONNX - JVM| probability difference (0 for no rows)
     * @param worstRow index of the row with that difference, -1 for no rows
     * @param tolerance the gate's tolerance
     */
    public record ParityReport(int rows, double maxAbsDiff, int worstRow, double tolerance) {

        public boolean passed() {
            return maxAbsDiff <= tolerance;
        }
    }

    /** The ONNX export does not reproduce the in-JVM model within the tolerance. */
    public static final class OnnxParityException extends RuntimeException {

        private final transient ParityReport report;

        OnnxParityException(ParityReport report) {
            super("ONNX parity check failed: max |p_onnx - p_jvm| = " + report.maxAbsDiff() + " at row "
                    + report.worstRow() + " of " + report.rows() + ", tolerance " + report.tolerance());
            this.report = report;
        }

        public ParityReport report() {
            return report;
        }
    }
}
