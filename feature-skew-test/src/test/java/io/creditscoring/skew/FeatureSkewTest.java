package io.creditscoring.skew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.creditscoring.drift.stats.FeatureColumns;
import io.creditscoring.export.onnx.OnnxModelRunner;
import io.creditscoring.export.onnx.PipelineOnnxExporter;
import io.creditscoring.ingestion.intake.IngestionReads;
import io.creditscoring.ingestion.validation.ApplicationValidator;
import io.creditscoring.ingestion.validation.FeatureValidation;
import io.creditscoring.model.CreditJson;
import io.creditscoring.model.events.Algorithm;
import io.creditscoring.model.events.LoanApplicationEvent;
import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.pipeline.LinearModel;
import io.creditscoring.pipeline.ModelPipeline;
import io.creditscoring.pipeline.PipelineEvaluator;
import io.creditscoring.pipeline.Vectorizer;
import io.creditscoring.sampledata.SampleData;
import io.creditscoring.scoring.score.ScoringReads;
import io.creditscoring.scoring.validation.FeatureValidator;
import io.creditscoring.skew.Edge.Expect;
import io.creditscoring.training.TrainingProperties;
import io.creditscoring.training.dataset.LabelledRow;
import io.creditscoring.training.dataset.TrainingReads;
import io.creditscoring.training.preprocess.FittedPreprocessing;
import io.creditscoring.training.preprocess.ModelVectorizer;
import io.creditscoring.training.preprocess.PreprocessingFitter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.type.TypeReference;

/**
 * The training/serving skew test: for both bundled portfolios, raw applications made of real rows with edge values
 * put in (blank, each missing word, NaN and infinity as numbers and as text, the range's bounds and just beyond,
 * unknown categories, integers written as 1.0, numbers as text with blanks, huge numbers, booleans, lists) are read
 * by every part of the platform at the level of its classes, and all must agree:
 *
 * <ol>
 *   <li>what ingestion stores from a Kafka record, and from the same values as CSV cells (which are cleaned, published
 *       and read again by the consumer): the same features JSON, or a rejection naming the same fields;
 *   <li>what the training set reader reads back from the stored JSON, and the vectors training builds from it with
 *       the preprocessing fitted on a small sample of the data set (scaled and tree variants);
 *   <li>what scoring reads from the same values sent in a request (the one-pass reader, and the tree path that
 *       must agree with it), the vectors the explainers build from it, the inputs the ONNX graph receives, and the
 *       probability it answers (within float precision of the reference evaluator on the stored row);
 *   <li>what drift bins, for the stored row as a reference sample and the scored row as a scoring event.
 * </ol>
 *
 * Every expectation (accepted or refused, and the value) is stated by hand in {@link Edge} from the schema, never
 * computed by the code under test. The deliberate differences are the contract's strictness setting: scoring
 * refuses a number written as text (a typed API) and does not require the protected attributes the model does not
 * read, which ingestion stores and so requires. Each feature meets each of its edge values once (on rotating real
 * rows), then 400 seeded random applications per portfolio mix several edge values each.
 *
 * <p>Property-based in the sense of generated cases with a fixed seed, written with JUnit alone: see the report of
 * the change for why jqwik is not used.
 */
class FeatureSkewTest {

    private static final int SAMPLE_ROWS = 300;
    private static final int RANDOM_APPLICATIONS = 400;
    private static final long SEED = 20261130L;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    enum Portfolio {
        TAIWAN(BundledPortfolios.taiwanCards(), SampleData.TAIWAN_CARDS),
        GERMAN(BundledPortfolios.germanLoans(), SampleData.GERMAN_LOANS);

        final PortfolioSchema schema;
        final SampleData data;

        Portfolio(PortfolioSchema schema, SampleData data) {
            this.schema = schema;
            this.data = data;
        }
    }

    @ParameterizedTest
    @EnumSource(Portfolio.class)
    void ingestionTrainingScoringAndDriftReadEveryEdgeValueAlike(Portfolio portfolio) throws IOException {
        try (Platform platform = new Platform(portfolio.schema, rows(portfolio, SAMPLE_ROWS + 100))) {
            int n = 0;
            int stored = 0;
            int scored = 0;
            for (FeatureSpec f : portfolio.schema.features()) {
                List<Map<String, String>> rows = platform.rows;
                Map<String, String> row = rows.get(SAMPLE_ROWS + n % 100);
                for (Edge edge : Edge.of(f, row.get(f.name()))) {
                    Outcome outcome = platform.check("edge-" + n++, row, Map.of(f.name(), edge));
                    stored += outcome.stored ? 1 : 0;
                    scored += outcome.scored ? 1 : 0;
                }
            }
            Random random = new Random(SEED);
            List<FeatureSpec> features = portfolio.schema.features();
            for (int i = 0; i < RANDOM_APPLICATIONS; i++) {
                Map<String, String> row = platform.rows.get(random.nextInt(platform.rows.size()));
                Map<String, Edge> edges = new HashMap<>();
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    FeatureSpec f = features.get(random.nextInt(features.size()));
                    List<Edge> candidates = Edge.of(f, row.get(f.name()));
                    edges.put(f.name(), candidates.get(random.nextInt(candidates.size())));
                }
                Outcome outcome = platform.check("random-" + i, row, edges);
                stored += outcome.stored ? 1 : 0;
                scored += outcome.scored ? 1 : 0;
            }
            // the cases reach every path: stored and scored, and refused by each
            assertThat(stored).isBetween(n / 5, n + RANDOM_APPLICATIONS - n / 5);
            assertThat(scored).isBetween(n / 5, n + RANDOM_APPLICATIONS - n / 5);
        }
    }

    record Outcome(boolean stored, boolean scored) {}

    /** Every part of the platform that reads feature values, built as a small sample of the data set trains it. */
    static final class Platform implements AutoCloseable {

        final PortfolioSchema schema;
        final List<Map<String, String>> rows;
        final ApplicationValidator validator;
        final IngestionReads ingestion;
        final FeatureValidator scoring;
        final FittedPreprocessing fitted;
        final Vectorizer scaledVectorizer;
        final Vectorizer treeVectorizer;
        final PipelineEvaluator evaluator;
        final OnnxModelRunner runner;

        Platform(PortfolioSchema schema, List<Map<String, String>> rows) {
            this.schema = schema;
            this.rows = rows;
            this.validator = ApplicationValidator.forSchema(schema);
            this.ingestion = new IngestionReads(schema);
            this.scoring = new FeatureValidator(schema);
            List<LabelledRow> sample = new ArrayList<>();
            for (int i = 0; i < SAMPLE_ROWS; i++) {
                Map<String, String> row = rows.get(i);
                String storedJson = csvPath("sample-" + i, cells(row, Map.of()));
                assertThat(storedJson).as("sample row %s is stored", i).isNotNull();
                sample.add(new LabelledRow(
                        "sample-" + i,
                        null,
                        TrainingReads.storedFeatures(storedJson, schema),
                        row.get(schema.target().column()).equals(schema.target().positive())));
            }
            this.fitted = PreprocessingFitter.fit(schema, sample, new TrainingProperties.Preprocessing(0.995, 5, 10));
            this.scaledVectorizer = new Vectorizer(fitted.scaled());
            this.treeVectorizer = new Vectorizer(fitted.trees());
            double[] weights = new double[fitted.scaled().width()];
            for (int j = 0; j < weights.length; j++) {
                weights[j] = 0.15 * ((j % 5) - 2);
            }
            ModelPipeline pipeline = new ModelPipeline(
                    schema.portfolio(),
                    Algorithm.LOGISTIC_REGRESSION,
                    fitted.scaled(),
                    new LinearModel(weights, -1.2),
                    Map.of());
            this.evaluator = new PipelineEvaluator(pipeline);
            this.runner = OnnxModelRunner.load(new PipelineOnnxExporter().export(pipeline, 1, 1));
        }

        /** Reads one application everywhere and checks that every reading agrees with the expectations. */
        Outcome check(String id, Map<String, String> row, Map<String, Edge> edges) {
            Map<String, Object> raw = new LinkedHashMap<>();
            Map<String, Expect> store = new LinkedHashMap<>();
            Map<String, Expect> score = new LinkedHashMap<>();
            for (FeatureSpec f : schema.features()) {
                Edge edge = edges.get(f.name());
                String cell = row.get(f.name());
                Object real = f.isNumeric() ? (Object) Double.parseDouble(cell) : cell;
                raw.put(f.name(), edge == null ? (f.isNumeric() ? new BigDecimal(cell) : cell) : edge.raw());
                store.put(f.name(), edge == null ? Expect.accepted(real) : edge.store());
                score.put(f.name(), edge == null ? Expect.accepted(real) : edge.score());
            }
            String what = id + " " + edges.values();

            // ingestion, from Kafka and from a CSV file
            IngestionReads.Stored kafka = ingestion.read(id, Json.payload(id, schema.portfolio(), raw));
            assertThat(kafka.rejectedFields())
                    .as("fields ingestion rejects, %s", what)
                    .isEqualTo(refused(store));
            if (raw.values().stream().noneMatch(v -> v instanceof List<?>)) {
                assertThat(csvPath(id, cells(row, edges)))
                        .as("stored from a CSV file as from Kafka, %s", what)
                        .isEqualTo(kafka.storedFeatures());
            }

            // scoring, through the one-pass reader and the tree path
            ScoringReads.Read request = ScoringReads.read(Json.request(id, raw), scoring);
            assertThat(new TreeSet<>(request.errors().stream()
                            .map(SchemaViolation::field)
                            .toList()))
                    .as("fields scoring refuses, %s", what)
                    .isEqualTo(new TreeSet<>(refused(score)));
            if (request.onePass()) {
                assertThat(request.features())
                        .as("one pass and tree path, %s", what)
                        .isEqualTo(request.tree());
            }

            Map<String, Object> training = null;
            if (kafka.storedFeatures() != null) {
                training = TrainingReads.storedFeatures(kafka.storedFeatures(), schema);
                Map<String, Object> expected = new HashMap<>();
                store.forEach((name, e) -> {
                    if (e.value() != null) {
                        expected.put(name, e.value());
                    }
                });
                assertThat(training)
                        .as("training reads what was stored, %s", what)
                        .isEqualTo(expected);
                assertDriftBins(reread(training), store, "reference sample, " + what);
            }
            Map<String, Object> scored = null;
            if (request.errors().isEmpty()) {
                scored = request.features();
                Map<String, Object> expected = new HashMap<>();
                score.forEach((name, e) -> expected.put(name, e.value()));
                assertThat(scored).as("scoring's normalised features, %s", what).isEqualTo(expected);
                for (String input : runner.features()) {
                    Object value = score.get(input).value();
                    Object fed = runner.isCategorical(input)
                            ? (value == null ? "" : value)
                            : (Object) (value == null ? Float.NaN : (float) (double) (Double) value);
                    assertThat(runner.graphInput(input, scored.get(input)))
                            .as("ONNX input %s, %s", input, what)
                            .isEqualTo(fed);
                }
                assertDriftBins(reread(scored), score, "scoring event, " + what);
            }
            if (training != null && scored != null) {
                assertThat(scaledVectorizer.vector(scored))
                        .as("scaled vector, %s", what)
                        .isEqualTo(ModelVectorizer.vector(fitted.scaled(), training));
                assertThat(treeVectorizer.vector(scored))
                        .as("tree vector, %s", what)
                        .isEqualTo(ModelVectorizer.vector(fitted.trees(), training));
                for (String input : runner.features()) {
                    assertThat(runner.graphInput(input, training.get(input)))
                            .as("ONNX input %s from the stored row, %s", input, what)
                            .isEqualTo(runner.graphInput(input, scored.get(input)));
                }
                assertThat(runner.probability(scored))
                        .as("ONNX probability against the evaluator on the stored row, %s", what)
                        .isCloseTo(evaluator.probability(training), within(1e-5));
            }
            return new Outcome(training != null, scored != null);
        }

        /** Drift's columns for one row hold the expected numbers (NaN when missing) and labels (null). */
        private void assertDriftBins(Map<String, Object> row, Map<String, Expect> expected, String what) {
            FeatureColumns columns = FeatureColumns.of(schema, List.of(row));
            for (FeatureSpec f : schema.features()) {
                Object value = expected.get(f.name()).value();
                if (f.isNumeric()) {
                    assertThat((Object) columns.numeric().get(f.name())[0])
                            .as("drift bins %s, %s", f.name(), what)
                            .isEqualTo(value == null ? Double.NaN : value);
                } else {
                    assertThat(columns.categorical().get(f.name())[0])
                            .as("drift bins %s, %s", f.name(), what)
                            .isEqualTo(value);
                }
            }
        }

        /**
         * The CSV path: the cells as the importer reads them are cleaned by the validator and published, and the
         * consumer reads the published event; answers the stored features JSON, or null when the row is rejected.
         */
        String csvPath(String id, Map<String, Object> cells) {
            FeatureValidation validation = validator.validate(cells);
            if (!validation.isValid()) {
                return null;
            }
            String event = CreditJson.json()
                    .writeValueAsString(
                            new LoanApplicationEvent(id, schema.portfolio(), Instant.EPOCH, validation.cleaned()));
            IngestionReads.Stored stored = ingestion.read(id, event);
            assertThat(stored.rejectedFields())
                    .as("the consumer stores what the importer cleaned")
                    .isEmpty();
            return stored.storedFeatures();
        }

        /** A row as CSV cells, with edge values written as text. */
        Map<String, Object> cells(Map<String, String> row, Map<String, Edge> edges) {
            Map<String, Object> cells = new HashMap<>();
            for (FeatureSpec f : schema.features()) {
                Edge edge = edges.get(f.name());
                cells.put(f.name(), edge == null ? row.get(f.name()) : Json.cell(edge.raw()));
            }
            return cells;
        }

        @Override
        public void close() {
            runner.close();
        }
    }

    /** A row as it comes back from a JSON store (the registry's reference rows, the decision log's events). */
    private static Map<String, Object> reread(Map<String, Object> row) {
        return CreditJson.json().readValue(CreditJson.json().writeValueAsString(row), MAP);
    }

    /** The fields whose expectation is a refusal, in schema order. */
    private static List<String> refused(Map<String, Expect> expectations) {
        List<String> fields = new ArrayList<>();
        expectations.forEach((name, e) -> {
            if (!e.accepted()) {
                fields.add("features." + name);
            }
        });
        return fields;
    }

    /** The first rows of a bundled data set, column name to cell. */
    private static List<Map<String, String>> rows(Portfolio portfolio, int count) throws IOException {
        var layout = portfolio.schema.csvLayout();
        CSVFormat format =
                CSVFormat.DEFAULT.builder().setDelimiter(layout.delimiter()).get();
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader in = new InputStreamReader(portfolio.data.open(), StandardCharsets.UTF_8);
                CSVParser parser = format.parse(in)) {
            List<String> columns = layout.columns();
            for (CSVRecord record : parser) {
                if (columns.isEmpty()) {
                    columns = record.toList();
                    continue;
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.get(i), record.get(i));
                }
                rows.add(row);
                if (rows.size() == count) {
                    break;
                }
            }
        }
        return rows;
    }
}
