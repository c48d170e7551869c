package io.creditscoring.scoring.oip;

import ai.onnxruntime.OnnxJavaType;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.pipeline.PipelineOutputs;
import io.creditscoring.scoring.ScoringProperties;
import io.creditscoring.scoring.model.ChampionModels;
import io.creditscoring.scoring.model.ChampionModels.ModelLease;
import io.creditscoring.scoring.model.ScoringModel;
import io.creditscoring.scoring.score.ApplicationInput;
import io.creditscoring.scoring.score.JsonBodyReader;
import io.creditscoring.scoring.score.ScoreResult;
import io.creditscoring.scoring.score.ScoringProblems;
import io.creditscoring.scoring.score.ScoringService;
import io.creditscoring.web.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Open Inference Protocol v2 (KServe's REST dialect) over the portfolios' champions: one model per
 * portfolio, named after it. Inputs are the schema's model-input features, one tensor each (shape {@code [N]}
 * or {@code [N,1]}; numbers for numeric features, BYTES or integers for categorical ones); the outputs are
 * {@code probability_of_default} (FP64), {@code score} (INT32) and {@code decision} (BYTES). Requests go
 * through the same validation, decisions and decision log as the /v1 API; errors are problem details, with
 * fields named {@code row[i].FEATURE}.
 */
@RestController
@RequestMapping(path = "/v2", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Open Inference Protocol v2", description = "KServe v2 REST inference over the champion models")
@SecurityRequirement(name = "apiKey")
class InferenceProtocolController {

    static final String PLATFORM = "onnxruntime_onnx";

    private final ChampionModels models;
    private final ScoringService scoring;
    private final JsonBodyReader bodies;
    private final int maxBatch;

    InferenceProtocolController(
            ChampionModels models, ScoringService scoring, JsonBodyReader bodies, ScoringProperties properties) {
        this.models = models;
        this.scoring = scoring;
        this.bodies = bodies;
        this.maxBatch = properties.maxBatchSize();
    }

    record Readiness(boolean ready) {}

    record Liveness(boolean live) {}

    record TensorMetadata(String name, String datatype, long[] shape) {}

    record ModelMetadata(
            String name,
            List<String> versions,
            String platform,
            List<TensorMetadata> inputs,
            List<TensorMetadata> outputs) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OutputTensor(String name, String datatype, long[] shape, List<?> data) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InferenceResponse(
            @JsonProperty("model_name") String modelName,
            @JsonProperty("model_version") String modelVersion,
            String id,
            List<OutputTensor> outputs) {}

    @GetMapping("/health/ready")
    @Operation(summary = "Server readiness: every champion is loaded")
    ResponseEntity<Readiness> ready() {
        boolean ready = models.ready();
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Readiness(ready));
    }

    @GetMapping("/health/live")
    @Operation(summary = "Server liveness")
    Liveness live() {
        return new Liveness(true);
    }

    @GetMapping("/models/{portfolio}/ready")
    @Operation(summary = "Model readiness: the portfolio's champion is loaded")
    ResponseEntity<Map<String, Object>> modelReady(@PathVariable String portfolio) {
        try (ModelLease lease = scoring.lease(portfolio)) {
            return ResponseEntity.ok(Map.of("name", portfolio, "ready", true, "version", version(lease.model())));
        }
    }

    @GetMapping("/models/{portfolio}")
    @Operation(summary = "Model metadata: the champion's version, inputs and outputs")
    ModelMetadata metadata(@PathVariable String portfolio) {
        try (ModelLease lease = scoring.lease(portfolio)) {
            ScoringModel model = lease.model();
            List<TensorMetadata> inputs = model.inputs().stream()
                    .map(i -> new TensorMetadata(i.name(), datatype(i.type()), new long[] {-1, 1}))
                    .toList();
            List<TensorMetadata> outputs = List.of(
                    new TensorMetadata(PipelineOutputs.PROBABILITY_OF_DEFAULT, "FP64", new long[] {-1}),
                    new TensorMetadata("score", "INT32", new long[] {-1}),
                    new TensorMetadata("decision", "BYTES", new long[] {-1}));
            return new ModelMetadata(portfolio, List.of(version(model)), PLATFORM, inputs, outputs);
        }
    }

    @PostMapping(path = "/models/{portfolio}/infer", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Infer: probability of default, score and decision for every row of the input tensors")
    InferenceResponse infer(@PathVariable String portfolio, HttpServletRequest request) {
        JsonNode body = bodies.read(request);
        try (ModelLease lease = scoring.lease(portfolio)) {
            ScoringModel model = lease.model();
            List<ApplicationInput> rows = rows(body);
            List<ScoreResult> results = scoring.score(model, rows);
            Set<String> wanted = requestedOutputs(body);
            List<OutputTensor> outputs = new ArrayList<>();
            long[] shape = {results.size()};
            if (wanted.isEmpty() || wanted.contains(PipelineOutputs.PROBABILITY_OF_DEFAULT)) {
                outputs.add(new OutputTensor(
                        PipelineOutputs.PROBABILITY_OF_DEFAULT,
                        "FP64",
                        shape,
                        results.stream().map(ScoreResult::probabilityOfDefault).toList()));
            }
            if (wanted.isEmpty() || wanted.contains("score")) {
                outputs.add(new OutputTensor(
                        "score",
                        "INT32",
                        shape,
                        results.stream().map(ScoreResult::score).toList()));
            }
            if (wanted.isEmpty() || wanted.contains("decision")) {
                outputs.add(new OutputTensor(
                        "decision",
                        "BYTES",
                        shape,
                        results.stream().map(r -> r.decision().name()).toList()));
            }
            JsonNode id = body.get("id");
            return new InferenceResponse(
                    portfolio, version(model), id == null || id.isNull() ? null : id.asString(), outputs);
        }
    }

    /** Turns the column tensors into one features object per row. */
    private List<ApplicationInput> rows(JsonNode body) {
        JsonNode inputs = body.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw ApiProblemException.validation(
                    "The request has no inputs.",
                    List.of(new SchemaViolation("inputs", "must be a non-empty array of input tensors")));
        }
        List<SchemaViolation> errors = new ArrayList<>();
        int rows = -1;
        List<ObjectNode> features = new ArrayList<>();
        List<JsonNode> applicationIds = null;
        for (int t = 0; t < inputs.size(); t++) {
            JsonNode tensor = inputs.get(t);
            String at = "inputs[" + t + "]";
            JsonNode name = tensor.get("name");
            JsonNode data = tensor.get("data");
            if (name == null || !name.isString() || data == null || !data.isArray()) {
                errors.add(new SchemaViolation(at, "needs a name and a data array"));
                continue;
            }
            List<JsonNode> values = new ArrayList<>();
            flatten(data, values);
            if (rows < 0) {
                rows = values.size();
                if (rows > maxBatch) {
                    throw ScoringProblems.tooLarge(
                            "The request holds too many rows.",
                            new SchemaViolation(
                                    at + ".data", "holds " + rows + " rows, at most " + maxBatch + " are accepted"));
                }
                for (int r = 0; r < rows; r++) {
                    features.add(JsonNodeFactory.instance.objectNode());
                }
            } else if (values.size() != rows) {
                errors.add(new SchemaViolation(
                        at + ".data", "holds " + values.size() + " values where the first input holds " + rows));
                continue;
            }
            if ("applicationId".equals(name.stringValue())) {
                applicationIds = values;
                continue;
            }
            for (int r = 0; r < rows; r++) {
                features.get(r).set(name.stringValue(), values.get(r));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.validation("The input tensors are malformed.", errors);
        }
        boolean reasons = body.path("parameters").path("includeReasons").asBoolean(false);
        List<ApplicationInput> applications = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            String applicationId =
                    applicationIds == null ? null : applicationIds.get(r).asString();
            applications.add(new ApplicationInput(applicationId, features.get(r), reasons, "row[" + r + "]"));
        }
        return applications;
    }

    private static void flatten(JsonNode data, List<JsonNode> out) {
        for (JsonNode element : data) {
            if (element.isArray()) {
                flatten(element, out);
            } else {
                out.add(element);
            }
        }
    }

    private static Set<String> requestedOutputs(JsonNode body) {
        Set<String> names = new HashSet<>();
        JsonNode outputs = body.get("outputs");
        if (outputs != null && outputs.isArray()) {
            outputs.forEach(o -> names.add(o.path("name").asString("")));
        }
        return names;
    }

    private static String version(ScoringModel model) {
        return Integer.toString(model.version());
    }

    private static String datatype(OnnxJavaType type) {
        return switch (type) {
            case STRING -> "BYTES";
            case DOUBLE -> "FP64";
            case INT64 -> "INT64";
            case INT32 -> "INT32";
            default -> "FP32";
        };
    }
}
