package io.creditscoring.scoring.score;

import io.creditscoring.pipeline.contract.FeatureRule;
import io.creditscoring.pipeline.contract.RawValues;
import io.creditscoring.pipeline.contract.Strictness;
import io.creditscoring.scoring.validation.FeatureValidator;
import java.util.HashMap;
import java.util.List;
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
 * applicationId, a fractional number for a category, blank text or a word meaning missing) makes it answer empty,
 * and the caller takes the tree path, which decides and words every error. {@code OnePassBodyReaderTest} checks the two paths agree.
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

    /**
     * The normalised features of a valid features object, the parser on its start; null when in any doubt. Values are
     * checked with the feature contract's primitive checks ({@link FeatureRule#accepts}, {@link FeatureRule#spelling}),
     * which allocate nothing for a number or for a label spelled as the schema spells it.
     */
    private static Map<String, Object> features(JsonParser parser, FeatureValidator validator) {
        List<FeatureRule> rules = validator.rules();
        Map<String, Object> values = new HashMap<>(rules.size() * 2);
        String name;
        while ((name = parser.nextName()) != null) {
            FeatureRule rule = validator.rule(name);
            if (rule == null || values.containsKey(name)) {
                return null;
            }
            JsonToken token = parser.nextToken();
            Object value;
            if (token == JsonToken.VALUE_NULL) {
                if (rule.required(Strictness.SCORE)) {
                    return null;
                }
                value = null;
            } else if (rule.isNumeric()) {
                if (!token.isNumeric()) {
                    return null;
                }
                double v = parser.getDoubleValue();
                if (!rule.accepts(v)) {
                    return null;
                }
                value = RawValues.modelNumber(v);
            } else {
                value = switch (token) {
                    case VALUE_STRING -> rule.spelling(parser.getString());
                    case VALUE_NUMBER_INT ->
                        parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                                ? null
                                : rule.spelling(parser.getLongValue());
                    default -> null;
                };
                if (value == null) {
                    return null;
                }
            }
            values.put(name, value);
        }
        for (FeatureRule rule : rules) {
            if (!values.containsKey(rule.name())) {
                if (rule.required(Strictness.SCORE)) {
                    return null;
                }
                values.put(rule.name(), null);
            }
        }
        return values;
    }
}
