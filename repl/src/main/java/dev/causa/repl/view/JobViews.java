package dev.causa.repl.view;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How times, durations and ids of jobs and action runs read in text output. Their JSON (machine output) is the
 * engine's one view of them: {@code Causa.jobView(job)} and {@code ActionView}.
 */
public final class JobViews {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private JobViews() {
    }

    public static String time(Instant at) {
        return at == null ? "-" : LOCAL.format(at);
    }

    public static String duration(Instant from, Instant to) {
        if (from == null) return "-";
        Duration d = Duration.between(from, to == null ? Instant.now() : to);
        long ms = d.toMillis();
        if (ms < 1000) return ms + "ms";
        if (ms < 60_000) return String.format("%.1fs", ms / 1000.0);
        return String.format("%dm%02ds", ms / 60_000, (ms / 1000) % 60);
    }

    /** A short id for tables: the full id is long, but any unique prefix is accepted back. */
    public static String shortId(String id) {
        return id == null ? "-" : id;
    }
}
