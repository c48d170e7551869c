package io.creditscoring.console.overview;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Which version of a portfolio's model list holds an alias. */
public final class Aliases {

    private Aliases() {}

    /** The version holding the alias, or null. */
    public static Map<String, Object> holder(List<Map<String, Object>> models, String alias) {
        return models.stream()
                .filter(m -> m.get("aliases") instanceof Collection<?> aliases
                        && aliases.stream().anyMatch(a -> alias.equalsIgnoreCase(String.valueOf(a))))
                .findFirst()
                .orElse(null);
    }
}
