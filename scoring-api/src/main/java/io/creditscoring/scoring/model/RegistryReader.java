package io.creditscoring.scoring.model;

import io.creditscoring.model.events.Algorithm;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads champions and model versions from the registry's tables (schema {@code registry}). */
@Component
class RegistryReader {

    private final JdbcClient jdbc;

    RegistryReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The champion and challenger versions of every portfolio that has them. */
    List<Alias> aliases() {
        return jdbc.sql("select portfolio, alias, version from registry.model_aliases"
                        + " where alias in ('champion', 'challenger')")
                .query((rs, n) -> new Alias(
                        rs.getString("portfolio"), "champion".equals(rs.getString("alias")), rs.getInt("version")))
                .list();
    }

    Optional<StoredModelVersion> version(String portfolio, int version) {
        return jdbc.sql("""
                        select portfolio, version, algorithm, onnx, onnx_sha256,
                               pipeline_json::text as pipeline_json, schema_json::text as schema_json
                        from registry.model_versions where portfolio = ? and version = ?
                        """)
                .params(portfolio, version)
                .query((rs, n) -> new StoredModelVersion(
                        rs.getString("portfolio"),
                        rs.getInt("version"),
                        Algorithm.valueOf(rs.getString("algorithm")),
                        rs.getBytes("onnx"),
                        rs.getString("onnx_sha256"),
                        rs.getString("pipeline_json"),
                        rs.getString("schema_json")))
                .optional();
    }

    /**
     * One alias of the registry.
     *
     * @param champion true for the champion, false for the challenger
     */
    record Alias(String portfolio, boolean champion, int version) {}

    /** A model version as stored: the artifact, its declared checksum and the JSON it was registered with. */
    record StoredModelVersion(
            String portfolio,
            int version,
            Algorithm algorithm,
            byte[] onnx,
            String onnxSha256,
            String pipelineJson,
            String schemaJson) {}
}
