package io.creditscoring.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A service's authorization matrix, checked against the service as it runs: the test states, for every endpoint,
 * which roles may call it; {@link #verify()} checks that the table names exactly the handler mappings the service
 * really has (a new endpoint without a row fails), and over real HTTP that each endpoint answers 401 without a
 * key or with an invalid one, 403 to a key holding any other single role, and neither to a key holding one of
 * its roles. Refusals must be problem details. State-changing endpoints must carry the audit annotation.
 *
 * <p>Requests carry an empty JSON object as body and the sample values given for path variables; choose samples
 * that name nothing (an unknown portfolio, a random id), so that the allowed calls change nothing.
 *
 * @param <R> the platform's role enum
 */
public final class AuthorizationMatrix<R extends Enum<R>> {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final String PROBLEM_JSON = "application/problem+json";

    private final int port;
    private final RequestMappingHandlerMapping mappings;
    private final Class<R> roleType;
    private final Function<Set<R>, String> keyMinter;
    private final Map<R, String> keys;
    private final Map<String, Row<R>> rows = new HashMap<>();
    private final Map<String, String> samples = new HashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Class<? extends Annotation> audited;

    private AuthorizationMatrix(
            int port, RequestMappingHandlerMapping mappings, Class<R> roleType, Function<Set<R>, String> keyMinter) {
        this.port = port;
        this.mappings = mappings;
        this.roleType = roleType;
        this.keyMinter = keyMinter;
        this.keys = new EnumMap<>(roleType);
    }

    /**
     * @param keyMinter creates a key holding exactly the given roles and answers it
     */
    public static <R extends Enum<R>> AuthorizationMatrix<R> of(
            int port, RequestMappingHandlerMapping mappings, Class<R> roleType, Function<Set<R>, String> keyMinter) {
        return new AuthorizationMatrix<>(port, mappings, roleType, keyMinter);
    }

    /** The value put in place of {@code {variable}} in request paths (default: {@code matrix-none}). */
    public AuthorizationMatrix<R> sample(String variable, String value) {
        samples.put(variable, value);
        return this;
    }

    /** The annotation every state-changing endpoint must carry. */
    public AuthorizationMatrix<R> auditedBy(Class<? extends Annotation> annotation) {
        this.audited = annotation;
        return this;
    }

    /** An endpoint the roles may call; any method but GET is taken to change state. */
    @SafeVarargs
    public final AuthorizationMatrix<R> allow(String method, String pattern, R first, R... more) {
        return add(new Row<>(method, pattern, EnumSet.of(first, more), !"GET".equals(method), false));
    }

    /** A POST that changes nothing (scoring, inference): not audited. */
    @SafeVarargs
    public final AuthorizationMatrix<R> allowQuery(String method, String pattern, R first, R... more) {
        return add(new Row<>(method, pattern, EnumSet.of(first, more), false, false));
    }

    /** An endpoint anyone may call (the API documentation). */
    public AuthorizationMatrix<R> open(String method, String pattern) {
        return add(new Row<>(method, pattern, EnumSet.noneOf(roleType), false, true));
    }

    private AuthorizationMatrix<R> add(Row<R> row) {
        if (rows.put(row.endpoint(), row) != null) {
            throw new IllegalArgumentException("row given twice: " + row.endpoint());
        }
        return this;
    }

    /** Checks the table against the service's mappings, then every row over HTTP. */
    public void verify() {
        Map<String, HandlerMethod> actual = endpoints();
        assertThat(new TreeSet<>(rows.keySet()))
                .as("the matrix must list exactly the service's endpoints (method and pattern)")
                .containsExactlyElementsOf(new TreeSet<>(actual.keySet()));
        SoftAssertions softly = new SoftAssertions();
        for (Row<R> row : rows.values()) {
            if (row.stateChanging() && audited != null) {
                softly.assertThat(actual.get(row.endpoint()).hasMethodAnnotation(audited))
                        .as("%s changes state and must be @%s", row.endpoint(), audited.getSimpleName())
                        .isTrue();
            }
            String path = concrete(row.pattern());
            if (row.open()) {
                softly.assertThat(send(row.method(), path, null).statusCode())
                        .as("%s needs no key", row.endpoint())
                        .isNotIn(401, 403);
                continue;
            }
            expectRefusal(softly, row, path, null, 401);
            expectRefusal(softly, row, path, "csk_not-a-key", 401);
            for (R role : EnumSet.allOf(roleType)) {
                HttpResponse<String> response = send(row.method(), path, key(role));
                if (row.roles().contains(role)) {
                    softly.assertThat(response.statusCode())
                            .as("%s with a %s key (allowed): %s", row.endpoint(), role, response.body())
                            .isNotIn(401, 403);
                } else {
                    expectRefusal(softly, row, path, key(role), 403);
                }
            }
        }
        softly.assertAll();
    }

    private void expectRefusal(SoftAssertions softly, Row<R> row, String path, String key, int status) {
        HttpResponse<String> response = send(row.method(), path, key);
        softly.assertThat(response.statusCode())
                .as("%s %s with key %s", row.method(), path, describe(key))
                .isEqualTo(status);
        softly.assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("%s %s refusal is problem details", row.method(), path)
                .startsWith(PROBLEM_JSON);
    }

    /**
     * Sends each path in spellings that a router and a matcher could read differently ({@code ;x}, encoded
     * letters and slashes, {@code //}, {@code ..}, case, a trailing slash, ...) with the key, by GET, POST and
     * DELETE: none may succeed, and every refusal must be problem details.
     */
    public void verifyBypassesRefused(R role, String... paths) {
        String key = key(role);
        SoftAssertions softly = new SoftAssertions();
        for (String path : paths) {
            for (String variant : PathVariants.of(path)) {
                for (String method : List.of("GET", "POST", "DELETE")) {
                    HttpResponse<String> response = send(method, variant, key);
                    softly.assertThat(response.statusCode())
                            .as("%s %s with a %s key: %s", method, variant, role, response.body())
                            .isGreaterThanOrEqualTo(400);
                    softly.assertThat(response.headers()
                                    .firstValue("Content-Type")
                                    .orElse(""))
                            .as("%s %s refusal is problem details", method, variant)
                            .startsWith(PROBLEM_JSON);
                }
            }
        }
        softly.assertAll();
    }

    /** A key holding exactly this role (made once per matrix). */
    public String key(R role) {
        return keys.computeIfAbsent(role, r -> keyMinter.apply(EnumSet.of(r)));
    }

    private Map<String, HandlerMethod> endpoints() {
        Map<String, HandlerMethod> endpoints = new HashMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
                mappings.getHandlerMethods().entrySet()) {
            if (e.getValue().getBeanType().getName().startsWith("org.springframework.boot.")) {
                continue; // the error controller: reached only by error dispatches of authorized requests
            }
            Set<String> methods = new TreeSet<>();
            e.getKey().getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.add("ANY (declare the method)");
            }
            for (String pattern : e.getKey().getPatternValues()) {
                for (String method : methods) {
                    endpoints.put(method + " " + pattern, e.getValue());
                }
            }
        }
        return endpoints;
    }

    private String concrete(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).split(":")[0];
            m.appendReplacement(out, Matcher.quoteReplacement(samples.getOrDefault(name, "matrix-none")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private HttpResponse<String> send(String method, String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        boolean withBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        request.header("Content-Type", "application/json")
                .method(
                        method,
                        withBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String describe(String key) {
        return key == null ? "none" : key.startsWith("csk_not") ? "invalid" : "of another role";
    }

    private record Row<R extends Enum<R>>(
            String method, String pattern, Set<R> roles, boolean stateChanging, boolean open) {

        String endpoint() {
            return method + " " + pattern;
        }
    }

    /** Spellings of a path meant to reach the same handler while escaping a matcher. */
    static final class PathVariants {

        private PathVariants() {}

        static List<String> of(String path) {
            String[] segments = path.substring(1).split("/");
            String last = segments[segments.length - 1];
            String first = segments[0];
            String second = segments.length > 1 ? segments[1] : segments[0];
            List<String> variants = new ArrayList<>();
            variants.add(path + "/");
            variants.add(path + ";x");
            variants.add(path + ";jsessionid=x");
            variants.add("/" + first + "/" + second + ";x" + path.substring(first.length() + second.length() + 2));
            variants.add("/" + first + "/%" + Integer.toHexString(second.charAt(0)) + second.substring(1)
                    + path.substring(first.length() + second.length() + 2));
            variants.add("/" + first + "/%25" + Integer.toHexString(second.charAt(0)) + second.substring(1)
                    + path.substring(first.length() + second.length() + 2));
            variants.add("/" + first + "%2F" + path.substring(first.length() + 2));
            variants.add("/" + first + "%2f" + path.substring(first.length() + 2));
            variants.add("/" + path);
            variants.add("/" + first + "//" + path.substring(first.length() + 2));
            variants.add("/" + first + "/x/../" + path.substring(first.length() + 2));
            variants.add("/" + first + "/./" + path.substring(first.length() + 2));
            variants.add("/" + first + "/%2e%2e/" + first + "/" + path.substring(first.length() + 2));
            variants.add(path.toUpperCase(Locale.ROOT));
            variants.add("/" + first + "/" + Character.toUpperCase(second.charAt(0)) + second.substring(1)
                    + path.substring(first.length() + second.length() + 2));
            variants.add(path.substring(0, path.length() - last.length()) + last + ".json");
            variants.add(path + "%00");
            variants.add("/" + first + "%5C" + path.substring(first.length() + 2));
            return variants;
        }
    }
}
