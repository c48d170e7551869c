package io.creditscoring.standalone.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;

/**
 * The progress of one demo step, drawn for where the output goes. On a terminal: one line redrawn in place with
 * {@code \r}. In a file or a pipe (CI, {@code | tee}, a terminal multiplexer's log), where every {@code \r} redraw
 * would be appended to one endless line: a new line at each tenth of the way, with the rate and the time left.
 */
final class ProgressBar {

    private static final int WIDTH = 40;

    /** Where progress goes; decided once per demo with {@link #of(PrintStream)}. */
    enum Output {
        /** A terminal: redrawn in place. */
        TERMINAL,
        /** A file or a pipe: a line per tenth. */
        LINES;

        /** TERMINAL only for the JVM's own standard output when that is a terminal (JDK 22+ can tell). */
        static Output of(PrintStream out) {
            var console = System.console();
            return out == System.out && console != null && console.isTerminal() ? TERMINAL : LINES;
        }
    }

    private final PrintStream out;
    private final Output output;
    private final InstantSource clock;
    private final String label;
    private final long total;
    private final Instant started;
    private int tenthsShown;

    ProgressBar(PrintStream out, Output output, String label, long total) {
        this(out, output, InstantSource.system(), label, total);
    }

    ProgressBar(PrintStream out, Output output, InstantSource clock, String label, long total) {
        this.out = out;
        this.output = output;
        this.clock = clock;
        this.label = label;
        this.total = Math.max(1, total);
        this.started = clock.instant();
    }

    void show(long done) {
        long clamped = Math.clamp(done, 0, total);
        if (output == Output.TERMINAL) {
            int filled = (int) (WIDTH * clamped / total);
            out.printf(
                    Locale.ROOT,
                    "\r  %-28s [%s%s] %,d / %,d  %s",
                    label,
                    "#".repeat(filled),
                    ".".repeat(WIDTH - filled),
                    done,
                    total,
                    pace(clamped));
            out.flush();
            return;
        }
        int tenths = (int) (10 * clamped / total);
        if (tenths > tenthsShown) {
            tenthsShown = tenths;
            line(done, clamped);
        }
    }

    void finish(long done) {
        if (output == Output.TERMINAL) {
            show(done);
            out.println();
        } else if (tenthsShown < 10) {
            tenthsShown = 10;
            line(done, Math.clamp(done, 0, total));
        }
    }

    private void line(long done, long clamped) {
        out.printf(
                Locale.ROOT,
                "  %-28s %3d%%  %,d / %,d  %s%n",
                label,
                100 * clamped / total,
                done,
                total,
                pace(clamped).stripTrailing());
        out.flush();
    }

    /** The rate since the step started, and the time left at that rate (or the time taken, once done). */
    private String pace(long done) {
        double seconds = Duration.between(started, clock.instant()).toMillis() / 1000.0;
        if (seconds <= 0 || done == 0) {
            return "";
        }
        double rate = done / seconds;
        String taken = done >= total
                ? String.format(Locale.ROOT, "done in %.0f s", seconds)
                : String.format(Locale.ROOT, "about %.0f s left", (total - done) / rate);
        return String.format(Locale.ROOT, "%,8.0f/s  %-18s", rate, taken);
    }
}
