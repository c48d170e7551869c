package io.creditscoring.scoring.score;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Decision;
import io.creditscoring.scoring.ScoringProperties;
import io.creditscoring.scoring.fixtures.TaiwanXgboostChampion;
import io.creditscoring.scoring.model.ScoringModel;
import io.creditscoring.scoring.model.ScoringModels;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

/**
 * One-row scoring of the Taiwan XGBoost champion (300 trees, depth 6) as a request goes through it: JSON body
 * to tree, validation against the schema, ONNX Runtime, score points and decision, for Taiwan applicants the
 * model approves (so no reasons are computed); {@link #scoreWithReasons} asks for reasons (TreeSHAP) on the same
 * rows. The other benchmarks time the parts: reading the request, and the ONNX Runtime call. Command and results: docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(
        value = 1,
        jvmArgs = {"--enable-native-access=ALL-UNNAMED", "-Xmx1g"})
public class OneRowScoringBenchmark {

    private ScoringModel model;
    private ScoreCard card;
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<byte[]> bodiesWithReasons = new ArrayList<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        TaiwanXgboostChampion champion = new TaiwanXgboostChampion();
        model = ScoringModels.load(1, champion.pipeline, champion.schema, champion.onnx);
        card = ScoreCard.of(new ScoringProperties.DecisionPolicy(600, 50, 20, 0.1, 0.3));
        for (int i = 0; bodies.size() < 1024; i++) {
            Map<String, Object> applicant = champion.applicants.get(i % champion.applicants.size());
            boolean approved = card.decision(model.probabilities(List.of(applicant))[0]) == Decision.APPROVE;
            if (approved) {
                Map<String, Object> body = Map.of("applicationId", "app-" + i, "features", applicant);
                bodies.add(CreditJson.json().writeValueAsBytes(body));
                bodiesWithReasons.add(CreditJson.json()
                        .writeValueAsBytes(
                                Map.of("applicationId", "app-" + i, "features", applicant, "includeReasons", true)));
                rows.add(model.validator()
                        .validate(
                                JsonBodyReader.parse(bodies.getLast()).get("features"), "features", new ArrayList<>()));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.closeForBenchmark();
    }

    @Benchmark
    public ScoreResult scoreOneRow() {
        return score(bodies.get(next++ & 1023));
    }

    @Benchmark
    public ScoreResult scoreWithReasons() {
        return score(bodiesWithReasons.get(next++ & 1023));
    }

    /** The request side alone, as a valid body takes it: one streaming pass to the normalised features. */
    @Benchmark
    public Map<String, Object> readOnePass() {
        return OnePassBodyReader.read(bodies.get(next++ & 1023), model.validator())
                .orElseThrow()
                .checkedFeatures();
    }

    /** The request side as an invalid body takes it: JSON tree, then validation against the schema. */
    @Benchmark
    public Map<String, Object> readThroughTree() {
        JsonNode node = JsonBodyReader.parse(bodies.get(next++ & 1023));
        return model.validator().validate(node.get("features"), "features", new ArrayList<>(0));
    }

    /** The model alone: one ONNX Runtime call on a row already validated. */
    @Benchmark
    public double onnxOneRow() {
        return model.probabilities(List.of(rows.get(next++ & 1023)))[0];
    }

    /** What {@link ScoringService#scoreOne} does, without the lease, the metrics and the decision log. */
    private ScoreResult score(byte[] body) {
        ApplicationInput input = OnePassBodyReader.read(body, model.validator())
                .orElseGet(() -> ApplicationInput.of(JsonBodyReader.parse(body), "", false));
        return ScoringService.decide(model, card, List.of(input), new ArrayList<>(1))
                .getFirst();
    }
}
