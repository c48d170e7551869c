package io.creditscoring.standalone.demo;

import java.io.PrintStream;

/** A one-line text progress bar, redrawn in place. */
final class ProgressBar {

    private static final int WIDTH = 40;

    private final PrintStream out;
    private final String label;
    private final long total;

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
    }

    void show(long done) {
        int filled = (int) Math.min(WIDTH, WIDTH * done / total);
        out.printf("\r  %-28s [%s%s] %,d / %,d", label, "#".repeat(filled), ".".repeat(WIDTH - filled), done, total);
        out.flush();
    }

    void finish(long done) {
        show(done);
        out.println();
    }
}
