package io.creditscoring.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The aliases a portfolio's model versions can hold: at most one version each. */
public enum ModelAlias {
    /** The version scoring serves. */
    CHAMPION,
    /** The latest selected version, compared against the champion. */
    CHALLENGER;

    /** The alias as stored and as written in the API: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code champion} or {@code challenger} (any case). */
    public static ModelAlias parse(String alias) {
        if (alias != null) {
            for (ModelAlias a : values()) {
                if (a.id().equalsIgnoreCase(alias.trim())) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("unknown alias '" + alias + "', expected one of "
                + Arrays.stream(values()).map(ModelAlias::id).collect(Collectors.joining(", ")));
    }
}
