package io.creditscoring.scoring.explain;

import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.pipeline.TreeEnsembleModel;
import io.creditscoring.scoring.fixtures.TaiwanXgboostChampion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Explaining one Taiwan row with the benchmark champion (300 trees, depth 4; {@code -Dbench.xgboost.depth=6} for
 * deeper trees): every feature's TreeSHAP value, as a scoring answer with reasons asks for it, by today's walk
 * ({@link TreeShap}) and by the tables built at load ({@link FastTreeShap}), over 1,024 real Taiwan rows in turn.
 *
 * <p>A loop of explanations keeps the tables in the core's cache, which a server does not: between two requests
 * with reasons, Tomcat, the JSON mappers and the Kafka client run. {@code tablesAfterOtherWork} first writes to
 * {@code bench.other-work.kib} (default 2,048, twice this machine's per-core L2) of other memory, as that work
 * would; its time less {@code otherWork}'s is an explanation's from a cold L2. Command and results:
 * docs/benchmarks.md, "Reasons with fast TreeSHAP" (and, for the cold-L2 variant, "TreeSHAP path data in shorts").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx1g"})
public class ExplainOneRowBenchmark {

    private TreeShap walk;
    private FastTreeShap tables;
    private List<Map<String, Object>> rows;
    private int next;
    private final long[] otherMemory = new long[Integer.getInteger("bench.other-work.kib", 2048) * 128];

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        TaiwanXgboostChampion champion = new TaiwanXgboostChampion();
        PipelineEvaluator evaluator = new PipelineEvaluator(champion.pipeline);
        TreeEnsembleModel trees = (TreeEnsembleModel) champion.pipeline.model();
        walk = new TreeShap(champion.pipeline.preprocessing(), evaluator, trees);
        tables = new FastTreeShap(champion.pipeline.preprocessing(), evaluator, trees);
        if (tables.fallbackTrees() != 0) {
            throw new IllegalStateException(tables.fallbackTrees() + " trees have no tables");
        }
        rows = champion.applicants.subList(0, 1024);
    }

    @Benchmark
    public double[] walk() {
        return walk.contributions(rows.get(next++ & 1023));
    }

    @Benchmark
    public double[] tables() {
        return tables.contributions(rows.get(next++ & 1023));
    }

    @Benchmark
    public long otherWork() {
        return touchOtherMemory();
    }

    @Benchmark
    public double[] tablesAfterOtherWork() {
        otherMemory[0] += touchOtherMemory(); // keeps the sweep from being removed
        return tables.contributions(rows.get(next++ & 1023));
    }

    /** Writes one long per 64-byte line of the other memory, so that every line is brought in and dirtied. */
    private long touchOtherMemory() {
        long sum = 0;
        for (int i = 0; i < otherMemory.length; i += 8) {
            sum += otherMemory[i]++;
        }
        return sum;
    }
}
