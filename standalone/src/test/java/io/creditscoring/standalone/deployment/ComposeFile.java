package io.creditscoring.standalone.deployment;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The environment docker-compose.yml gives each service, with its variables interpolated as compose does
 * ({@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR?error}},
 * {@code $$}); YAML merge keys ({@code <<: *anchor}) are resolved by the YAML reader.
 */
final class ComposeFile {

    private static final Pattern INTERPOLATION =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private final Map<String, Object> services;
    private final Map<String, String> variables;

    private ComposeFile(Map<String, Object> services, Map<String, String> variables) {
        this.services = services;
        this.variables = variables;
    }

    @SuppressWarnings("unchecked")
    static ComposeFile read(Path file, Map<String, String> variables) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return new ComposeFile((Map<String, Object>) compose.get("services"), variables);
        }
    }

    /** The service's environment, interpolated. */
    @SuppressWarnings("unchecked")
    Map<String, Object> environment(String service) {
        Map<String, Object> definition = (Map<String, Object>) services.get(service);
        if (definition == null) {
            throw new IllegalArgumentException("docker-compose.yml has no service " + service);
        }
        Map<String, Object> environment = new LinkedHashMap<>();
        ((Map<String, Object>) definition.getOrDefault("environment", Map.of()))
                .forEach((name, value) -> environment.put(name, interpolate(String.valueOf(value))));
        return environment;
    }

    private String interpolate(String value) {
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String resolve(Matcher m) {
        if (m.group().equals("$$")) {
            return "$";
        }
        String name = m.group(1);
        String operator = m.group(2);
        String argument = m.group(3);
        String value = variables.get(name);
        boolean unsetOrEmpty = value == null || value.isEmpty();
        if (operator == null) {
            return value == null ? "" : value;
        }
        boolean missing = operator.startsWith(":") ? unsetOrEmpty : value == null;
        if (operator.endsWith("?") && missing) {
            throw new IllegalStateException("required variable " + name + ": " + argument);
        }
        return missing && operator.endsWith("-") ? argument : value == null ? "" : value;
    }
}
