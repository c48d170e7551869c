package io.creditscoring.training.models;

import io.creditscoring.model.Sha256;
import io.creditscoring.registry.ArtifactIntegrityException;
import io.creditscoring.registry.ModelArtifact;
import io.creditscoring.registry.ModelRegistry;
import io.creditscoring.registry.ModelVersionNotFoundException;
import io.creditscoring.registry.ModelVersionSummary;
import io.creditscoring.web.ApiProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Model versions of a portfolio over REST: list them with their aliases, read one, download an artifact (its
 * sha256 checked on the way out). Promotions are in the {@code promotion} package.
 */
@RestController
@RequestMapping("/v1/portfolios/{portfolio}/models")
class ModelsController {

    /** Header carrying the artifact's sha256 (lower-case hex), checked before the bytes are sent. */
    static final String SHA256_HEADER = "X-Artifact-SHA256";

    private final ModelRegistry registry;

    ModelsController(ModelRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    List<ModelVersionResponse> list(@PathVariable String portfolio) {
        return registry.list(portfolio).stream().map(ModelVersionResponse::of).toList();
    }

    @GetMapping("/{version}")
    ModelVersionResponse get(@PathVariable String portfolio, @PathVariable int version) {
        return registry.find(portfolio, version)
                .map(ModelVersionResponse::of)
                .orElseThrow(() -> notFound(portfolio, version));
    }

    @GetMapping(value = "/{version}/artifact", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    ResponseEntity<byte[]> artifact(@PathVariable String portfolio, @PathVariable int version) {
        ModelArtifact artifact;
        try {
            artifact = registry.artifact(portfolio, version);
        } catch (ModelVersionNotFoundException e) {
            throw notFound(portfolio, version);
        } catch (ArtifactIntegrityException e) {
            throw ApiProblemException.unavailable("the artifact of " + portfolio + " version " + version
                    + " failed its integrity check and is not served");
        }
        // checked once more here, on the bytes actually written to the response
        if (!Sha256.hex(artifact.onnx()).equals(artifact.sha256())) {
            throw ApiProblemException.unavailable(
                    "the artifact of " + portfolio + " version " + version + " failed its integrity check");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(SHA256_HEADER, artifact.sha256())
                .eTag("\"" + artifact.sha256() + "\"")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(portfolio + "-v" + version + ".onnx")
                                .build()
                                .toString())
                .body(artifact.onnx());
    }

    private static ApiProblemException notFound(String portfolio, int version) {
        return ApiProblemException.notFound("portfolio '" + portfolio + "' has no model version " + version);
    }

    record ModelVersionResponse(
            String portfolio,
            int version,
            String algorithm,
            UUID runId,
            Map<String, Double> metrics,
            List<String> aliases,
            String onnxSha256,
            int schemaVersion,
            double onnxParityMaxAbsDiff,
            Instant createdAt) {

        static ModelVersionResponse of(ModelVersionSummary s) {
            return new ModelVersionResponse(
                    s.portfolio(),
                    s.version(),
                    s.algorithm().name(),
                    s.runId(),
                    s.metrics(),
                    s.aliases(),
                    s.onnxSha256(),
                    s.schemaVersion(),
                    s.parityMaxAbsDiff(),
                    s.createdAt());
        }
    }
}
