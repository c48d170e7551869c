package io.creditscoring.scoring.score;

import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.scoring.validation.FeatureValidator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The fast path of a single-application request: reads a body that is wholly valid for the model in one
 * streaming pass, straight into its normalised features, without building a JSON tree.
 *
 * <p>It accepts only what the tree path ({@link JsonBodyReader} and {@link FeatureValidator#validate}) accepts, and
 * normalises it the same way; anything unusual (an error of any kind, but also a duplicate field, a number as the
 * applicationId, a fractional number for a category) makes it answer empty, and the caller takes the tree path,
 * which decides and words every error. {@code OnePassBodyReaderTest} checks the two paths agree.
 */
final class OnePassBodyReader {

    private OnePassBodyReader() {}

    /** The application in the body when it is valid for the validator's schema; empty when in any doubt. */
    static Optional<ApplicationInput> read(byte[] body, FeatureValidator validator) {
        try (JsonParser parser = JsonBodyReader.parser(body)) {
            return Optional.ofNullable(application(parser, validator));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static ApplicationInput application(JsonParser parser, FeatureValidator validator) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String applicationId = null;
        boolean includeReasons = false;
        Map<String, Object> features = null;
        boolean seenId = false;
        boolean seenReasons = false;
        String name;
        while ((name = parser.nextName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "applicationId" -> {
                    if (seenId || (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL)) {
                        return null;
                    }
                    seenId = true;
                    applicationId = value == JsonToken.VALUE_NULL ? null : parser.getString();
                }
                case "includeReasons" -> {
                    if (seenReasons || !(value.isBoolean() || value == JsonToken.VALUE_NULL)) {
                        return null;
                    }
                    seenReasons = true;
                    includeReasons = value == JsonToken.VALUE_TRUE;
                }
                case "features" -> {
                    if (features != null || value != JsonToken.START_OBJECT) {
                        return null;
                    }
                    features = features(parser, validator);
                    if (features == null) {
                        return null;
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (features == null || parser.nextToken() != null) {
            return null;
        }
        return ApplicationInput.checked(applicationId, includeReasons, validator, features);
    }

    /** The normalised features of a valid features object, the parser on its start; null when in any doubt. */
    private static Map<String, Object> features(JsonParser parser, FeatureValidator validator) {
        Map<String, Object> values = new HashMap<>(validator.features().size() * 2);
        String name;
        while ((name = parser.nextName()) != null) {
            FeatureSpec f = validator.feature(name);
            if (f == null || values.containsKey(name)) {
                return null;
            }
            JsonToken token = parser.nextToken();
            Object value;
            if (token == JsonToken.VALUE_NULL) {
                if (!FeatureValidator.mayBeMissing(f)) {
                    return null;
                }
                value = null;
            } else if (f.isNumeric()) {
                if (!token.isNumeric()) {
                    return null;
                }
                double v = parser.getDoubleValue();
                if (!Double.isFinite(v) || !FeatureValidator.inRange(f, v)) {
                    return null;
                }
                value = v;
            } else {
                String label = switch (token) {
                    case VALUE_STRING -> parser.getString();
                    case VALUE_NUMBER_INT -> parser.getBigIntegerValue().toString();
                    default -> null;
                };
                value = label == null ? null : validator.spelling(f, label);
                if (value == null) {
                    return null;
                }
            }
            values.put(name, value);
        }
        for (FeatureSpec f : validator.features()) {
            if (!values.containsKey(f.name())) {
                if (!FeatureValidator.mayBeMissing(f)) {
                    return null;
                }
                values.put(f.name(), null);
            }
        }
        return values;
    }
}
