package dev.causa.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A stored schedule (DESIGN §13): an action type and its input, started on a cron expression in a time zone or
 * every fixed duration. {@code lastFire} is the last fire time claimed (run, or passed over by {@code missed skip});
 * a fire time at or before it never runs again.
 *
 * @param cron   a cron expression (5 fields, or 6 with seconds first), or null
 * @param every  a fixed interval as given ({@code 30s}, {@code 5m}, {@code 1h30m}), or null
 * @param zone   the time zone id cron times are read in
 * @param input  the action's input JSON (a schedule holds no secrets: they are refused when it is added)
 */
public record ScheduleRecord(String name, String cron, String every, String zone, Missed missed, String actionType,
                             JsonNode input, boolean paused, Instant createdAt, String createdBy, Instant lastFire) {

    /** What to do with fire times that passed while no engine ran. */
    public enum Missed {
        /** Run nothing for them. */
        SKIP,
        /** Run once for the latest of them (default). */
        ONCE
    }

    public ScheduleRecord withPaused(boolean paused) {
        return new ScheduleRecord(name, cron, every, zone, missed, actionType, input, paused, createdAt, createdBy,
                lastFire);
    }

    public ScheduleRecord withLastFire(Instant fire) {
        return new ScheduleRecord(name, cron, every, zone, missed, actionType, input, paused, createdAt, createdBy,
                fire);
    }
}
