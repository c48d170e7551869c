package io.creditscoring.registry;

import io.creditscoring.model.events.Algorithm;

/**
 * A model version's ONNX bytes, whose sha256 the registry checked against the stored one when it read them.
 *
 * @param onnx the artifact; the array is the caller's to keep
 * @param sha256 lower-case hex sha256 of {@code onnx}
 */
public record ModelArtifact(String portfolio, int version, Algorithm algorithm, byte[] onnx, String sha256) {}
