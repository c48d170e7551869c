package io.creditscoring.standalone.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final InstantSource clock = () -> now;

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fileOrPipeGetsALinePerTenthWithRateAndTimeLeft() {
        ProgressBar bar = new ProgressBar(out, ProgressBar.Output.LINES, clock, "stored", 1_000);
        for (int done = 1; done <= 1_000; done++) { // one row per 10 ms: 100 rows a second
            now = now.plus(Duration.ofMillis(10));
            bar.show(done);
        }
        bar.finish(1_000);

        assertThat(text()).doesNotContain("\r").endsWith(System.lineSeparator());
        List<String> lines = text().lines().toList();
        assertThat(lines).hasSize(10);
        assertThat(lines.getFirst())
                .isEqualTo("  stored" + " ".repeat(22) + "  10%  100 / 1,000       100/s  about 9 s left");
        assertThat(lines.get(4)).contains(" 50%  500 / 1,000", "100/s", "about 5 s left");
        assertThat(lines.getLast()).contains("100%  1,000 / 1,000", "100/s", "done in 10 s");
        for (int i = 0; i < 10; i++) {
            assertThat(lines.get(i)).contains("%d%%  ".formatted(10 * (i + 1)));
        }
    }

    @Test
    void pollsThatSkipTenthsPrintOneLineEachAndFinishDoesNotRepeatTheLast() {
        ProgressBar bar = new ProgressBar(out, ProgressBar.Output.LINES, clock, "stored in PostgreSQL", 30_000);
        bar.show(0);
        now = now.plusSeconds(2);
        bar.show(19_382);
        now = now.plusSeconds(1);
        bar.show(19_500);
        now = now.plusSeconds(3);
        bar.show(30_000);
        bar.finish(30_000);

        assertThat(text().lines().toList())
                .hasSize(2)
                .satisfiesExactly(
                        first -> assertThat(first).contains(" 64%  19,382 / 30,000", "9,691/s", "about 1 s left"),
                        last -> assertThat(last).contains("100%  30,000 / 30,000", "5,000/s", "done in 6 s"));
    }

    @Test
    void finishShortOfTheTotalStillEndsWithALine() {
        ProgressBar bar = new ProgressBar(out, ProgressBar.Output.LINES, clock, "scored", 2_000);
        now = now.plusSeconds(1);
        bar.show(500);
        bar.finish(1_900);

        assertThat(text().lines().toList()).hasSize(2).last().asString().contains(" 95%  1,900 / 2,000");
    }

    @Test
    void terminalRedrawsOneLineInPlaceUntilFinished() {
        ProgressBar bar = new ProgressBar(out, ProgressBar.Output.TERMINAL, clock, "scored", 2_000);
        for (int done = 500; done <= 2_000; done += 500) {
            now = now.plusSeconds(1);
            bar.show(done);
        }
        assertThat(text()).doesNotContain("\n");
        assertThat(text().split("\r", -1)).hasSize(5);

        bar.finish(2_000);
        assertThat(text()).endsWith(System.lineSeparator()).contains("[" + "#".repeat(40) + "] 2,000 / 2,000");
    }

    @Test
    void aStreamOtherThanTheJvmsOwnOutputIsNeverATerminal() {
        assertThat(ProgressBar.Output.of(out)).isEqualTo(ProgressBar.Output.LINES);
    }
}
