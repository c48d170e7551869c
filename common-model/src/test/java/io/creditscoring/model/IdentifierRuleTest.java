package io.creditscoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifierRuleTest {

    @Test
    void acceptsOrdinaryIdsUpToTheLimitCountingCharactersNotCodeUnits() {
        assertThat(IdentifierRule.APPLICATION_ID.fault("app-2026-000042")).isEmpty();
        assertThat(IdentifierRule.APPLICATION_ID.fault("Antrag Nr. 7 – Müller, Zoë 😀"))
                .isEmpty();
        assertThat(IdentifierRule.APPLICATION_ID.isValid("a".repeat(128))).isTrue();
        // 128 emoji are 256 UTF-16 code units but 128 characters
        assertThat(IdentifierRule.APPLICATION_ID.isValid("😀".repeat(128))).isTrue();
        assertThat(IdentifierRule.PORTFOLIO.isValid("p".repeat(63))).isTrue();
    }

    @Test
    void rejectsAnIdOverTheLimitSayingHowLongItIs() {
        assertThat(IdentifierRule.APPLICATION_ID.fault("a".repeat(129)))
                .hasValueSatisfying(m -> assertThat(m).startsWith("has 129 characters; at most 128 are allowed"));
        assertThat(IdentifierRule.APPLICATION_ID.fault("x".repeat(10_000)))
                .hasValueSatisfying(m -> assertThat(m)
                        .contains("has 10000 characters")
                        .contains("(10000 characters)")
                        .hasSizeLessThan(200));
        assertThat(IdentifierRule.PORTFOLIO.fault("p".repeat(64))).isPresent();
        assertThat(IdentifierRule.APPLICATION_ID.fault("")).contains("is empty");
        assertThat(IdentifierRule.APPLICATION_ID.fault(null)).contains("is empty");
    }

    @Test
    void rejectsEveryControlCharacterNamingItAndWhereItIs() {
        assertThat(IdentifierRule.APPLICATION_ID.fault("app\u0000-1"))
                .contains("holds the control character U+0000 at index 3; control characters are not allowed");
        for (char c : new char[] {'\u0001', '\t', '\n', '\r', '\u001F', '\u007F', '\u0080', '\u009F'}) {
            assertThat(IdentifierRule.APPLICATION_ID.fault("a" + c))
                    .as("U+%04X", (int) c)
                    .hasValueSatisfying(m -> assertThat(m).contains(String.format("U+%04X", (int) c)));
        }
        // a NUL at the end would vanish under String.trim(): the rule sees the value as received
        assertThat(IdentifierRule.APPLICATION_ID.isValid("app-1\u0000")).isFalse();
        assertThat(IdentifierRule.APPLICATION_ID.isValid("app\u00A01")).isTrue();
    }

    @Test
    void rejectsLoneSurrogates() {
        assertThat(IdentifierRule.APPLICATION_ID.fault("a\uD800b"))
                .contains("holds a lone surrogate U+D800 at index 1; it is not valid Unicode");
        assertThat(IdentifierRule.APPLICATION_ID.fault("ab\uDC00"))
                .hasValueSatisfying(m -> assertThat(m).contains("U+DC00 at index 2"));
        assertThat(IdentifierRule.APPLICATION_ID.fault("a\uD800")).isPresent();
        assertThat(IdentifierRule.textFault("ok \uD83D\uDE00")).isEmpty();
    }

    @Test
    void textFaultIgnoresLength() {
        assertThat(IdentifierRule.textFault("r".repeat(100_000))).isEmpty();
        assertThat(IdentifierRule.textFault("Retail\u0000")).isPresent();
    }

    @Test
    void printableEscapesWhatIsNotAllowedAndCutsLongValues() {
        assertThat(IdentifierRule.printable("a\u0000b\u009F\uD800")).isEqualTo("'a\\u0000b\\u009F\\uD800'");
        assertThat(IdentifierRule.printable("Zoë 😀")).isEqualTo("'Zoë 😀'");
        assertThat(IdentifierRule.printable("y".repeat(10_000)))
                .isEqualTo("'" + "y".repeat(IdentifierRule.PRINTABLE_LENGTH) + "…' (10000 characters)");
        // never cuts a surrogate pair in half
        String emoji = "x".repeat(IdentifierRule.PRINTABLE_LENGTH - 1) + "😀😀";
        assertThat(IdentifierRule.printable(emoji)).doesNotContain("\\uD83D").endsWith("…' (65 characters)");
        assertThat(IdentifierRule.printable(null)).isEqualTo("null");
        assertThat(IdentifierRule.escaped("z".repeat(100) + "\u0000")).isEqualTo("z".repeat(100) + "\\u0000");
    }
}
