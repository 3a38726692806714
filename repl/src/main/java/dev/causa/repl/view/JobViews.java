package dev.causa.repl.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.Causa;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.JobRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How jobs and action runs look in listings, info and machine output: one place for each. */
public final class JobViews {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private JobViews() {
    }

    /** The JSON of a job in listings: everything but its log, checkpoint and error stack. */
    public static ObjectNode summary(JobRecord job, Causa causa) {
        ObjectNode json = (ObjectNode) Json.tree(job);
        json.remove("logs");
        json.remove("checkpoint");
        json.remove("history");
        if (json.path("error").isObject()) ((ObjectNode) json.get("error")).remove("stack");
        json.put("unresolved", causa.plugins().extensions().job(job.jobType).isEmpty());
        return json;
    }

    /** The JSON of a job in {@code job info}: the whole record. */
    public static ObjectNode full(JobRecord job, Causa causa) {
        ObjectNode json = (ObjectNode) Json.tree(job);
        json.put("unresolved", causa.plugins().extensions().job(job.jobType).isEmpty());
        return json;
    }

    public static ObjectNode action(ActionRecord action) {
        return (ObjectNode) Json.tree(action);
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
