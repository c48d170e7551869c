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
 * Command and results: docs/benchmarks.md, "Reasons with fast TreeSHAP".
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
}
