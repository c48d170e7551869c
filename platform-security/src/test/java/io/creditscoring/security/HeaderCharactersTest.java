package io.creditscoring.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The loops agree with the strict firewall's regular expressions on every character, paired or not. */
class HeaderCharactersTest {

    // Spring Security's StrictHttpFirewall patterns for header (and parameter) names and for header values
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void agreesWithTheFirewallsPatternsOnEveryCodePointAlone() {
        List<Integer> disagreements = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + Character.toString(codePoint) + "z";
            if (HeaderCharacters.NAME.test(text) != NAME.matcher(text).matches()
                    || HeaderCharacters.VALUE.test(text) != VALUE.matcher(text).matches()) {
                disagreements.add(codePoint);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void agreesOnUnpairedSurrogatesAndOnTypicalHeaders() {
        for (String text : List.of(
                "\uD800",
                "x\uDC00y",
                "\uDBFF\uDFFF",
                "application/json; charset=UTF-8",
                "gzip,\tdeflate",
                "line\r\nbreak",
                "",
                "caf\u00e9",
                "\u0085next-line")) {
            assertThat(HeaderCharacters.NAME.test(text))
                    .as("name %s", text)
                    .isEqualTo(NAME.matcher(text).matches());
            assertThat(HeaderCharacters.VALUE.test(text))
                    .as("value %s", text)
                    .isEqualTo(VALUE.matcher(text).matches());
        }
        assertThat(HeaderCharacters.VALUE.test("a\tb")).isTrue();
        assertThat(HeaderCharacters.NAME.test("a\tb")).isFalse();
    }
}
