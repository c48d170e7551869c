package io.creditscoring.sampledata.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Taiwan-like synthetic applications (docs/benchmarks.md, "Synthetic applications"), seeded: the same seed and row
 * count give the same file, byte for byte, on any JVM ({@link Random}'s sequence is specified). Rows are written as
 * they are drawn, in the Taiwan file's CSV layout (so {@code taiwan-cards}' schema reads them), ids 1 to n; memory
 * does not grow with the row count.
 *
 * <p>Command line (no dependencies beyond this module's classes):
 *
 * <pre>
 * java -cp sample-data/target/classes io.creditscoring.sampledata.synthetic.TaiwanLikeGenerator \
 *     --rows=100000 --seed=42 [--out=taiwan-like-100k.csv]     # standard output without --out
 * </pre>
 */
public final class TaiwanLikeGenerator {

    private final TaiwanLikeModel model;
    private final Random random;
    private final double[] independent;
    private final double[] uniforms;

    public TaiwanLikeGenerator(TaiwanLikeModel model, long seed) {
        this.model = model;
        this.random = new Random(seed);
        int k = TaiwanLikeModel.FEATURES.size();
        this.independent = new double[k];
        this.uniforms = new double[k];
    }

    /** One drawn application: its 23 features in the Taiwan file's order and its label. */
    public record Row(long[] features, boolean defaulted) {}

    /** Draws the next application: its class first, then its features from that class's copula. */
    public Row next() {
        boolean defaulted = random.nextDouble() < model.defaultShare();
        TaiwanLikeModel.ClassModel cls = model.model(defaulted);
        cls.copula().drawUniforms(random, independent, uniforms);
        List<EmpiricalColumn> columns = cls.columns();
        long[] features = new long[columns.size()];
        for (int j = 0; j < features.length; j++) {
            features[j] = columns.get(j).quantile(uniforms[j]);
        }
        return new Row(features, defaulted);
    }

    /** Writes a header and {@code rows} applications (ids 1 to rows) as CSV, CRLF line ends as the Taiwan file. */
    public void writeCsv(long rows, Writer out) throws IOException {
        StringBuilder line = new StringBuilder(256);
        line.append(TaiwanLikeModel.ID_COLUMN);
        for (String feature : TaiwanLikeModel.FEATURES) {
            line.append(',').append(feature);
        }
        line.append(',').append(TaiwanLikeModel.LABEL_COLUMN).append("\r\n");
        out.write(line.toString());
        for (long id = 1; id <= rows; id++) {
            Row row = next();
            line.setLength(0);
            line.append(id);
            for (long value : row.features()) {
                line.append(',').append(value);
            }
            line.append(',').append(row.defaulted() ? '1' : '0').append("\r\n");
            out.write(line.toString());
        }
        out.flush();
    }

    public static void main(String[] args) throws IOException {
        long rows = -1;
        long seed = 42;
        Path outFile = null;
        for (String arg : args) {
            if (arg.startsWith("--rows=")) {
                rows = Long.parseLong(arg.substring("--rows=".length()).replace("_", ""));
            } else if (arg.startsWith("--seed=")) {
                seed = Long.parseLong(arg.substring("--seed=".length()));
            } else if (arg.startsWith("--out=")) {
                outFile = Path.of(arg.substring("--out=".length()));
            } else {
                System.err.println(
                        "usage: TaiwanLikeGenerator --rows=N [--seed=S (42)] [--out=FILE (standard output)]");
                System.exit(2);
            }
        }
        if (rows < 0) {
            System.err.println("--rows=N is required");
            System.exit(2);
        }
        TaiwanLikeGenerator generator = new TaiwanLikeGenerator(TaiwanLikeModel.fitToTaiwan(), seed);
        try (Writer out = outFile == null
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
            generator.writeCsv(rows, out);
        }
    }
}
