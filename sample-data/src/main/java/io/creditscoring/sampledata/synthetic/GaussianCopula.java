package io.creditscoring.sampledata.synthetic;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A Gaussian copula fitted to columns of data: each column's values turned into normal scores (Φ⁻¹ of their mid-rank
 * over n + 1, ties sharing their average rank), the scores' correlation matrix, and its Cholesky factor to draw
 * correlated normals with. With each column's empirical inverse CDF applied to Φ of a draw, a sample keeps every
 * column's distribution and, approximately, the columns' rank correlations.
 */
final class GaussianCopula {

    /** No random generator of its own: only its CDF and inverse are used. */
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private final double[][] cholesky;

    private GaussianCopula(double[][] cholesky) {
        this.cholesky = cholesky;
    }

    /** Fits the copula to {@code columns[j][i]}: value of column j in row i. */
    static GaussianCopula fit(long[][] columns) {
        int k = columns.length;
        double[][] scores = new double[k][];
        for (int j = 0; j < k; j++) {
            scores[j] = normalScores(columns[j]);
        }
        double[][] correlation = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double r = a == b ? 1 : pearson(scores[a], scores[b]);
                correlation[a][b] = r;
                correlation[b][a] = r;
            }
        }
        return new GaussianCopula(choleskyWithRidge(correlation));
    }

    int dimension() {
        return cholesky.length;
    }

    /** Uniforms u_j = Φ(z_j) of one correlated normal draw z = L g. */
    void drawUniforms(Random random, double[] independent, double[] uniforms) {
        int k = cholesky.length;
        for (int j = 0; j < k; j++) {
            independent[j] = random.nextGaussian();
        }
        for (int j = 0; j < k; j++) {
            double z = 0;
            double[] row = cholesky[j];
            for (int m = 0; m <= j; m++) {
                z += row[m] * independent[m];
            }
            // keep u strictly inside (0, 1): Φ of a very large |z| rounds to 0 or 1
            uniforms[j] = Math.min(Math.max(STANDARD_NORMAL.cumulativeProbability(z), 1e-12), 1 - 1e-12);
        }
    }

    static double[] normalScores(long[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(values[x], values[y]));
        double[] scores = new double[n];
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            // ranks start..end (0-based) share their average, (start + end) / 2 + 1 in 1-based ranks
            double score = STANDARD_NORMAL.inverseCumulativeProbability(((start + end) / 2.0 + 1) / (n + 1));
            for (int i = start; i <= end; i++) {
                scores[order[i]] = score;
            }
            start = end + 1;
        }
        return scores;
    }

    private static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    /** Cholesky factor of the matrix, adding a growing ridge to its diagonal until it is positive definite. */
    private static double[][] choleskyWithRidge(double[][] matrix) {
        for (double ridge = 0; ; ridge = ridge == 0 ? 1e-9 : ridge * 10) {
            double[][] factor = cholesky(matrix, ridge);
            if (factor != null) {
                return factor;
            }
            if (ridge > 1) {
                throw new IllegalStateException("the correlation matrix is not positive definite");
            }
        }
    }

    private static double[][] cholesky(double[][] a, double ridge) {
        int k = a.length;
        double[][] l = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j] + (i == j ? ridge : 0);
                for (int m = 0; m < j; m++) {
                    sum -= l[i][m] * l[j][m];
                }
                if (i == j) {
                    if (sum <= 0) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        // rows renormalised to unit variance, so that each z_j stays standard normal despite the ridge
        for (int i = 0; i < k; i++) {
            double norm = 0;
            for (int j = 0; j <= i; j++) {
                norm += l[i][j] * l[i][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j <= i; j++) {
                l[i][j] /= norm;
            }
        }
        return l;
    }
}
