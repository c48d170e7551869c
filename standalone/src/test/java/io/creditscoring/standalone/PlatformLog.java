package io.creditscoring.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The platform's log file ({@code <data-dir>/logs/platform.log}), read from a mark on, as a test needs it. */
final class PlatformLog {

    private static final Pattern STOPPED = Pattern.compile("Stopped (\\S+) in (\\d+) ms");

    private final Path file;
    private long mark;

    PlatformLog(StandaloneSettings settings) {
        this.file = settings.dataDirectory().resolve("logs").resolve("platform.log");
    }

    /** From now on, only what is written after this call is read. */
    void mark() {
        try {
            mark = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What was written since the mark. */
    String sinceMark() {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            byte[] all = Files.readAllBytes(file);
            int from = (int) Math.min(mark, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How long each part of the platform took to stop, as logged by the platform since the mark, in stop order. */
    Map<String, Duration> stopTimes() {
        Map<String, Duration> times = new LinkedHashMap<>();
        Matcher matcher = STOPPED.matcher(sinceMark());
        while (matcher.find()) {
            times.put(matcher.group(1), Duration.ofMillis(Long.parseLong(matcher.group(2))));
        }
        return times;
    }
}
