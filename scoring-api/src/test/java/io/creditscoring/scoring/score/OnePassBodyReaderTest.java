package io.creditscoring.scoring.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.model.portfolio.BundledPortfolios;
import io.creditscoring.model.portfolio.FeatureSpec;
import io.creditscoring.model.portfolio.PortfolioSchema;
import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.scoring.fixtures.TaiwanFixtures;
import io.creditscoring.scoring.validation.FeatureValidator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-pass reader of a single application agrees with the tree path ({@link JsonBodyReader#parse},
 * {@link ApplicationInput#of} and {@link FeatureValidator#validate}): it accepts valid bodies however they are
 * written, with the same applicationId, includeReasons and normalised features, and declines every body the tree
 * path rejects or reads in a way it does not (a number as the applicationId).
 */
class OnePassBodyReaderTest {

    private static final PortfolioSchema SCHEMA = BundledPortfolios.taiwanCards();
    private static final FeatureValidator VALIDATOR = new FeatureValidator(SCHEMA);

    /** What the tree path makes of a body: the application and the faults found, or the problem thrown. */
    record TreeRead(
            String applicationId,
            boolean includeReasons,
            Map<String, Object> features,
            List<SchemaViolation> violations,
            ScoringProblems problem) {

        boolean accepted() {
            return problem == null && violations.isEmpty();
        }

        List<String> faultyFields() {
            List<SchemaViolation> faults = violations;
            if (problem != null) {
                faults = ((List<?>) problem.getBody().getProperties().get("errors"))
                        .stream().map(SchemaViolation.class::cast).toList();
            }
            return faults.stream().map(SchemaViolation::field).toList();
        }
    }

    static TreeRead tree(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            ApplicationInput application = ApplicationInput.of(JsonBodyReader.parse(bytes), "", false);
            List<SchemaViolation> violations = new ArrayList<>();
            Map<String, Object> features = application.validate(VALIDATOR, violations);
            return new TreeRead(application.applicationId(), application.includeReasons(), features, violations, null);
        } catch (ScoringProblems e) {
            return new TreeRead(null, false, null, List.of(), e);
        }
    }

    static Optional<ApplicationInput> onePass(String body) {
        return OnePassBodyReader.read(body.getBytes(StandardCharsets.UTF_8), VALIDATOR);
    }

    /**
     * Three hundred real Taiwan applications, written as clients might (numbers as integers, decimals or with an
     * exponent, EDUCATION as a string, an integer or padded with blanks, protected attributes left out or null,
     * with or without applicationId and includeReasons, unknown top-level fields, any field order and layout),
     * are read in one pass exactly as the tree path reads them, and as the data set holds them.
     */
    @Test
    void readsRealApplicationsAsTheTreePathDoes() throws IOException {
        List<Map<String, String>> rows = TaiwanFixtures.dataSetRows(300);
        int withId = 0;
        int withReasons = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            Map<String, Object> expected = new HashMap<>();
            String features = features(row, i, expected);
            String applicationId = i % 4 == 2 ? "app-" + i : i % 4 == 3 ? "\u00e9 \"quoted\" " + i : null;
            String id = switch (i % 4) {
                case 0 -> null;
                case 1 -> "'applicationId': null";
                case 2 -> "'applicationId': 'app-" + i + "'";
                default -> "'applicationId': '\\u00e9 \\\"quoted\\\" " + i + "'";
            };
            boolean includeReasons = i % 3 == 1 && i % 11 != 0;
            String reasons =
                    i % 11 == 0 ? "'includeReasons': null" : i % 3 == 0 ? null : "'includeReasons': " + includeReasons;
            List<String> members = new ArrayList<>();
            if (i % 3 == 0) {
                members.add("'features': " + features);
            }
            if (id != null) {
                members.add(id);
            }
            if (i % 2 == 0) {
                members.add("'channel': 'web'");
            }
            if (i % 6 == 0) {
                members.add("'meta': {'a': [1, 2.5, {'b': null}], 'c': NaN, 'features': 3}");
            }
            if (reasons != null) {
                members.add(reasons);
            }
            if (i % 3 != 0) {
                members.add("'features': " + features);
            }
            String separator = i % 5 == 0 ? ",\n  " : ",";
            String body = json((i % 5 == 0 ? "{\n  " : "{") + String.join(separator, members) + "}");

            TreeRead tree = tree(body);
            Optional<ApplicationInput> read = onePass(body);

            assertThat(tree.accepted()).as("tree path on %s", body).isTrue();
            assertThat(read).as("one pass on %s", body).isPresent();
            ApplicationInput application = read.orElseThrow();
            assertThat(application.applicationId())
                    .as(body)
                    .isEqualTo(tree.applicationId())
                    .isEqualTo(applicationId);
            assertThat(application.includeReasons())
                    .as(body)
                    .isEqualTo(tree.includeReasons())
                    .isEqualTo(includeReasons);
            assertThat(application.checkedFeatures())
                    .as(body)
                    .isEqualTo(tree.features())
                    .isEqualTo(expected);
            List<SchemaViolation> violations = new ArrayList<>();
            assertThat(application.validate(VALIDATOR, violations)).isSameAs(application.checkedFeatures());
            assertThat(violations).isEmpty();
            withId += applicationId != null ? 1 : 0;
            withReasons += includeReasons ? 1 : 0;
        }
        assertThat(withId).isBetween(100, 200);
        assertThat(withReasons).isBetween(50, 150);
    }

    /**
     * The features object of a data set row, written in one of several styles; {@code expected} receives the
     * normalised features the row stands for.
     */
    private static String features(Map<String, String> row, int i, Map<String, Object> expected) {
        List<String> members = new ArrayList<>();
        int k = 0;
        for (FeatureSpec f : SCHEMA.features()) {
            String cell = row.get(f.name());
            k++;
            if (!f.feedsModel() && (i + k) % 5 == 0) {
                expected.put(f.name(), null); // a protected attribute left out
                continue;
            }
            if (!f.feedsModel() && (i + k) % 5 == 1) {
                expected.put(f.name(), null);
                members.add("'" + f.name() + "': null");
                continue;
            }
            String value;
            if (f.isNumeric()) {
                expected.put(f.name(), Double.parseDouble(cell));
                BigDecimal number = new BigDecimal(cell);
                String plain = number.stripTrailingZeros().toPlainString();
                value = switch ((i + (i % 4 == 3 ? k : 0)) % 4) {
                    case 0 -> cell; // as the data set writes it: an integer, or 1.00E+05
                    case 1 -> number.setScale(Math.max(number.scale(), 0) + 3).toPlainString();
                    case 2 -> plain + "e0";
                    default -> number.movePointLeft(2).toPlainString() + "E+2";
                };
            } else {
                expected.put(f.name(), cell);
                value = switch ((i + k) % 3) {
                    case 0 -> "'" + cell + "'";
                    case 1 -> cell;
                    default -> "' " + cell + " '";
                };
            }
            members.add("'" + f.name() + "': " + value);
        }
        if (i % 2 == 1) {
            members = members.reversed();
        }
        return "{" + String.join(i % 5 == 0 ? ",\n    " : ", ", members) + "}";
    }

    /** Valid bodies that are written unusually are read in one pass as the tree path reads them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unusualValidBodies")
    void readsUnusualValidBodiesAsTheTreePathDoes(String name, String body) {
        TreeRead tree = tree(body);
        Optional<ApplicationInput> read = onePass(body);

        assertThat(tree.accepted()).as("tree path").isTrue();
        assertThat(read).isPresent();
        assertThat(read.orElseThrow().applicationId()).isEqualTo(tree.applicationId());
        assertThat(read.orElseThrow().includeReasons()).isEqualTo(tree.includeReasons());
        assertThat(read.orElseThrow().checkedFeatures()).isEqualTo(tree.features());
    }

    static Stream<Arguments> unusualValidBodies() {
        return Stream.of(
                Arguments.of("negative zeros", body(with(with("BILL_AMT1", "-0.0"), "BILL_AMT2", "-0"))),
                Arguments.of("zero for a category", body(with(BASE, "MARRIAGE", "0"))),
                Arguments.of("negative zero for a category", body(with(BASE, "MARRIAGE", "-0"))),
                Arguments.of("the range's bounds", body(with(with("PAY_0", "-2"), "PAY_2", "9.0"))),
                Arguments.of(
                        "more digits than a double holds",
                        body(with(BASE, "BILL_AMT1", "1234.5678901234567890123456789"))),
                Arguments.of("many digits and an exponent", body(with(BASE, "BILL_AMT1", "99999999999999999999e-12"))),
                Arguments.of(
                        "an escaped feature name",
                        json("{'features': " + features(BASE).replace("'LIMIT_BAL'", "'LIMIT\\u005fBAL'") + "}")),
                Arguments.of(
                        "an empty applicationId", json("{'applicationId': '', 'features': " + features(BASE) + "}")),
                Arguments.of("an underflowing decimal", body(with(BASE, "BILL_AMT1", "1e-400"))),
                Arguments.of("a category as text with a fraction", body(with(BASE, "EDUCATION", "'2.0'"))),
                Arguments.of("a category with a leading zero", body(with(BASE, "MARRIAGE", "'01'"))),
                Arguments.of("a byte order mark", "\uFEFF" + body(BASE)),
                Arguments.of("surrounding blanks", " \n\t" + body(BASE) + " \r\n"),
                Arguments.of(
                        "unknown fields named like ours, nested",
                        json("{'x': {'applicationId': 1, 'features': [], 'includeReasons': 'yes'}, 'features': "
                                + features(BASE) + ", 'y': [{'features': {}}]}")),
                Arguments.of(
                        "a repeated unknown field",
                        json("{'x': 1, 'x': 2, 'features': " + features(BASE) + ", 'includeReasons': true}")));
    }

    /**
     * Every invalid body is declined by the one-pass reader and rejected by the tree path, which names the
     * offending field ({@code body} when the JSON itself is at fault).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void declinesWhatTheTreePathRejects(String name, String body, String field) {
        TreeRead tree = tree(body);

        assertThat(onePass(body)).as("one pass").isEmpty();
        assertThat(tree.accepted()).as("tree path").isFalse();
        assertThat(tree.faultyFields()).contains(field);
    }

    static Stream<Arguments> invalidBodies() {
        Map<String, String> withoutPay0 = new LinkedHashMap<>(BASE);
        withoutPay0.remove("PAY_0");
        Map<String, String> withoutEducation = new LinkedHashMap<>(BASE);
        withoutEducation.remove("EDUCATION");
        String valid = body(BASE);
        String features = features(BASE);
        return Stream.of(
                Arguments.of("an unknown feature", body(with(BASE, "AGEE", "40")), "features.AGEE"),
                Arguments.of("a feature in the wrong case", body(with(BASE, "pay_0", "1")), "features.pay_0"),
                Arguments.of("a feature name with a blank", body(with(BASE, "PAY_0 ", "1")), "features.PAY_0 "),
                Arguments.of("a missing number", body(withoutPay0), "features.PAY_0"),
                Arguments.of("a missing category", body(withoutEducation), "features.EDUCATION"),
                Arguments.of("a null number", body(with(BASE, "PAY_0", "null")), "features.PAY_0"),
                Arguments.of("a null category", body(with(BASE, "EDUCATION", "null")), "features.EDUCATION"),
                Arguments.of("a string for a number", body(with(BASE, "LIMIT_BAL", "'50000'")), "features.LIMIT_BAL"),
                Arguments.of("an object for a number", body(with(BASE, "LIMIT_BAL", "{'v': 1}")), "features.LIMIT_BAL"),
                Arguments.of("an array for a number", body(with(BASE, "PAY_0", "[1]")), "features.PAY_0"),
                Arguments.of("a boolean for a number", body(with(BASE, "PAY_0", "true")), "features.PAY_0"),
                Arguments.of("above the maximum", body(with(BASE, "PAY_0", "12")), "features.PAY_0"),
                Arguments.of("below the minimum", body(with(BASE, "LIMIT_BAL", "-1")), "features.LIMIT_BAL"),
                Arguments.of("just below the minimum", body(with(BASE, "PAY_0", "-2.0000001")), "features.PAY_0"),
                Arguments.of("a protected number out of range", body(with(BASE, "AGE", "12")), "features.AGE"),
                Arguments.of("NaN", body(with(BASE, "BILL_AMT1", "NaN")), "features.BILL_AMT1"),
                Arguments.of("Infinity", body(with(BASE, "BILL_AMT1", "Infinity")), "features.BILL_AMT1"),
                Arguments.of("-Infinity", body(with(BASE, "BILL_AMT1", "-Infinity")), "features.BILL_AMT1"),
                Arguments.of("NaN for a protected number", body(with(BASE, "AGE", "NaN")), "features.AGE"),
                Arguments.of("the string NaN", body(with(BASE, "BILL_AMT1", "'NaN'")), "features.BILL_AMT1"),
                Arguments.of("the string Infinity", body(with(BASE, "BILL_AMT1", "'Infinity'")), "features.BILL_AMT1"),
                Arguments.of("the string -inf", body(with(BASE, "BILL_AMT1", "'-inf'")), "features.BILL_AMT1"),
                Arguments.of("a decimal beyond a double", body(with(BASE, "BILL_AMT1", "1e400")), "features.BILL_AMT1"),
                Arguments.of("an unknown category", body(with(BASE, "EDUCATION", "'7'")), "features.EDUCATION"),
                Arguments.of("an unknown category number", body(with(BASE, "EDUCATION", "7")), "features.EDUCATION"),
                Arguments.of(
                        "a category beyond a long",
                        body(with(BASE, "EDUCATION", "100000000000000000000000002")),
                        "features.EDUCATION"),
                Arguments.of("an empty category", body(with(BASE, "EDUCATION", "''")), "features.EDUCATION"),
                Arguments.of("an unknown protected category", body(with(BASE, "SEX", "'3'")), "features.SEX"),
                Arguments.of("a fractional category", body(with(BASE, "EDUCATION", "2.5")), "features.EDUCATION"),
                Arguments.of("NaN for a category", body(with(BASE, "EDUCATION", "NaN")), "features.EDUCATION"),
                Arguments.of("a boolean for a category", body(with(BASE, "EDUCATION", "true")), "features.EDUCATION"),
                Arguments.of(
                        "an object for a category", body(with(BASE, "EDUCATION", "{'a': 2}")), "features.EDUCATION"),
                Arguments.of("an array for a category", body(with(BASE, "EDUCATION", "['2']")), "features.EDUCATION"),
                Arguments.of("no features", json("{'applicationId': 'a-1'}"), "features"),
                Arguments.of("null features", json("{'features': null}"), "features"),
                Arguments.of("features as an array", json("{'features': [" + features + "]}"), "features"),
                Arguments.of("features as a string", json("{'features': 'x'}"), "features"),
                Arguments.of("empty features", json("{'features': {}}"), "features.LIMIT_BAL"),
                Arguments.of("an empty object", "{}", "features"),
                Arguments.of("malformed JSON", valid.substring(0, valid.length() - 2), "body"),
                Arguments.of("a trailing comma", valid.replace("}}", ",}}"), "body"),
                Arguments.of("single quotes", valid.replace('"', '\''), "body"),
                Arguments.of("trailing garbage", valid + " x", "body"),
                Arguments.of("a trailing brace", valid + "}", "body"),
                Arguments.of("a second object", valid + " {}", "body"),
                Arguments.of("a top-level array", "[" + valid + "]", "body"),
                Arguments.of("a top-level string", "\"features\"", "body"),
                Arguments.of("a top-level null", "null", "body"),
                Arguments.of("an empty body", "", "body"),
                Arguments.of("blanks only", " \n ", "body"));
    }

    /**
     * An integer too large for a double is declined by the one-pass reader; the tree path should then report it
     * as a fault of the feature, as it does for {@code 1e400}.
     */
    @Test
    void declinesAnIntegerBeyondADoubleWhichTheTreePathReportsAsAFault() {
        String body = body(with(BASE, "BILL_AMT1", "1" + "0".repeat(400)));

        assertThat(onePass(body)).as("one pass").isEmpty();
        assertThat(tree(body).faultyFields()).containsExactly("features.BILL_AMT1");
    }

    /**
     * Bodies the tree path accepts but reads with some leniency, which the one-pass reader leaves to it: an
     * applicationId that is not a string, a category written as a decimal, includeReasons as a string.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("lenientBodies")
    void declinesWhatOnlyTheTreePathReads(String name, String body, String applicationId, boolean includeReasons) {
        TreeRead tree = tree(body);

        assertThat(onePass(body)).as("one pass").isEmpty();
        assertThat(tree.accepted()).as("tree path").isTrue();
        assertThat(tree.applicationId()).isEqualTo(applicationId);
        assertThat(tree.includeReasons()).isEqualTo(includeReasons);
        assertThat(tree.features()).containsEntry("EDUCATION", "2").containsEntry("PAY_0", 0.0);
    }

    static Stream<Arguments> lenientBodies() {
        String features = features(BASE);
        return Stream.of(
                Arguments.of(
                        "a number as the applicationId",
                        json("{'applicationId': 42, 'features': " + features + "}"),
                        "42",
                        false),
                Arguments.of(
                        "an object as the applicationId",
                        json("{'applicationId': {'id': 'a-1'}, 'features': " + features + "}"),
                        json("{'id':'a-1'}"),
                        false),
                Arguments.of(
                        "a boolean as the applicationId",
                        json("{'applicationId': true, 'features': " + features + "}"),
                        "true",
                        false),
                Arguments.of("a category written as a decimal", body(with(BASE, "EDUCATION", "2.0")), "a-1", false),
                Arguments.of("a protected attribute written NA", body(with(BASE, "SEX", "'NA'")), "a-1", false),
                Arguments.of("a blank protected attribute", body(with(BASE, "MARRIAGE", "'  '")), "a-1", false),
                Arguments.of(
                        "includeReasons as a string",
                        json("{'applicationId': 'a-1', 'includeReasons': 'true', 'features': " + features + "}"),
                        "a-1",
                        true),
                Arguments.of(
                        "a duplicate feature, the last one valid",
                        json("{'applicationId': 'a-1', 'features': " + features.replace("{", "{'PAY_0': 5, ") + "}"),
                        "a-1",
                        false),
                Arguments.of(
                        "a duplicate features object, the last one valid",
                        json("{'applicationId': 'a-1', 'features': " + features(with(BASE, "PAY_0", "5"))
                                + ", 'features': " + features + "}"),
                        "a-1",
                        false),
                Arguments.of(
                        "a duplicate applicationId",
                        json("{'applicationId': 'other', 'features': " + features + ", 'applicationId': 'a-1'}"),
                        "a-1",
                        false),
                Arguments.of(
                        "a duplicate includeReasons",
                        json("{'includeReasons': false, 'features': " + features + ", 'includeReasons': true}"),
                        null,
                        true),
                Arguments.of(
                        "includeReasons as a number",
                        json("{'applicationId': 'a-1', 'includeReasons': 1, 'features': " + features + "}"),
                        "a-1",
                        true));
    }

    /** A valid applicant of the Taiwan schema, member by member as JSON. */
    private static final Map<String, String> BASE = base();

    private static Map<String, String> base() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("LIMIT_BAL", "50000");
        f.put("SEX", "'2'");
        f.put("EDUCATION", "'2'");
        f.put("MARRIAGE", "1");
        f.put("AGE", "37");
        for (String pay : List.of("PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6")) {
            f.put(pay, "0");
        }
        for (int m = 1; m <= 6; m++) {
            f.put("BILL_AMT" + m, Integer.toString(46_990 - 1_000 * m));
            f.put("PAY_AMT" + m, Integer.toString(2_000 + 37 * m) + ".5");
        }
        return f;
    }

    private static Map<String, String> with(String name, String value) {
        return with(BASE, name, value);
    }

    private static Map<String, String> with(Map<String, String> features, String name, String value) {
        Map<String, String> f = new LinkedHashMap<>(features);
        f.put(name, value);
        return f;
    }

    private static String features(Map<String, String> features) {
        return features.entrySet().stream()
                .map(e -> "'" + e.getKey() + "': " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String body(Map<String, String> features) {
        return json("{'applicationId': 'a-1', 'features': " + features(features) + "}");
    }

    /** JSON written with single quotes for readability. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
