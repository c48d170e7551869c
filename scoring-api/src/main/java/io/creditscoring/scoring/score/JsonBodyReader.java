package io.creditscoring.scoring.score;

import io.creditscoring.model.CreditJson;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.scoring.ScoringProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body as a JSON tree, refusing bodies over {@code scoring.max-body-bytes} (413) before reading
 * more than that, and malformed JSON (400). The literals NaN and Infinity are read as numbers so that the
 * validator can name the feature that holds them instead of failing the whole body.
 */
@Component
public class JsonBodyReader {

    private static final JsonMapper LENIENT_NUMBERS = CreditJson.json()
            .rebuild()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final long maxBytes;

    JsonBodyReader(ScoringProperties properties) {
        this.maxBytes = properties.maxBodyBytes();
    }

    /** Reads and parses a request body: a JSON object, or 400; 413 when too large. */
    public JsonNode read(HttpServletRequest request) {
        return parse(readBytes(request));
    }

    /** Reads a request body without parsing it: 413 when too large, 400 when empty. */
    public byte[] readBytes(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = declared >= 0 ? readDeclared(in, (int) declared) : in.readNBytes(readLimit());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
        if (body.length > maxBytes) {
            throw tooLarge(body.length);
        }
        if (body.length == 0) {
            throw ScoringProblems.malformed(
                    "The request body is empty.", new SchemaViolation("body", "is empty: a JSON object is expected"));
        }
        return body;
    }

    /**
     * Reads a body of the declared length into an array of that size: reading up to the limit instead would
     * allocate a buffer of the limit's size on every request (a quarter of a scoring request's garbage). Bytes
     * beyond the declared length make the body too large, as they would without a declared length.
     */
    private byte[] readDeclared(InputStream in, int declared) throws IOException {
        byte[] body = new byte[declared];
        int read = in.readNBytes(body, 0, declared);
        if (read < declared) {
            return Arrays.copyOf(body, read); // the client sent less than it declared; the parser will say so
        }
        if (in.read() != -1) {
            throw tooLarge(declared + 1 + in.readNBytes(readLimit()).length);
        }
        return body;
    }

    private int readLimit() {
        return (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1);
    }

    /** Parses a body already read: a JSON object, or 400. */
    public static JsonNode parse(byte[] body) {
        try {
            JsonNode node = LENIENT_NUMBERS.readTree(body);
            if (node == null || !node.isObject()) {
                throw ScoringProblems.malformed(
                        "The request body must be a JSON object.",
                        new SchemaViolation("body", "must be a JSON object"));
            }
            return node;
        } catch (JacksonException e) {
            var where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw ScoringProblems.malformed(
                    "The request body is not well-formed JSON.",
                    new SchemaViolation("body", "is not well-formed JSON" + at));
        }
    }

    /** A streaming parser over a body, with the same reading rules as {@link #parse}. */
    static JsonParser parser(byte[] body) {
        return LENIENT_NUMBERS.createParser(body);
    }

    private ScoringProblems tooLarge(long size) {
        return ScoringProblems.tooLarge(
                "The request body is too large.",
                new SchemaViolation("body", "has " + size + " bytes, at most " + maxBytes + " are accepted"));
    }
}
