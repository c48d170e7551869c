package io.creditscoring.standalone.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment's init SQL as psql would send it, for a test that runs it over JDBC: {@code \getenv var ENV} lines
 * read the given environment and {@code :'var'} becomes that value as a quoted literal. Any other psql command is
 * refused, so that the script cannot grow a feature this reading would get wrong.
 */
final class PsqlScript {

    private static final Pattern GETENV = Pattern.compile("\\\\getenv\\s+(\\w+)\\s+(\\w+)\\s*");
    private static final Pattern VARIABLE = Pattern.compile(":'(\\w+)'");

    private PsqlScript() {}

    static String read(Path file, Map<String, String> environment) throws IOException {
        Map<String, String> variables = new HashMap<>();
        StringBuilder sql = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("\\")) {
                Matcher getenv = GETENV.matcher(line);
                if (!getenv.matches()) {
                    throw new IllegalArgumentException("psql command not understood by this test: " + line);
                }
                String value = environment.get(getenv.group(2));
                if (value != null) {
                    variables.put(getenv.group(1), value);
                }
                sql.append('\n');
            } else {
                sql.append(line).append('\n');
            }
        }
        Matcher reference = VARIABLE.matcher(sql);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            String value = variables.get(reference.group(1));
            if (value == null) {
                // psql would leave the reference as it is, a syntax error: fail as clearly here
                throw new IllegalArgumentException("psql variable " + reference.group(1) + " is not set");
            }
            reference.appendReplacement(resolved, Matcher.quoteReplacement("'" + value.replace("'", "''") + "'"));
        }
        reference.appendTail(resolved);
        return resolved.toString();
    }
}
