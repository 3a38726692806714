package dev.causa.engine.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.causa.engine.model.CausaException;
import dev.causa.engine.model.ScheduleRecord;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a schedule fires: a cron expression in a time zone (5 fields as in Unix cron, or 6 with seconds first as in
 * Spring), parsed by cron-utils; or every fixed duration, counted from the schedule's creation.
 */
public final class ScheduleSpec {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SECONDS = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final ExecutionTime cron;
    private final ZoneId zone;
    private final Duration every;
    private final Instant anchor;

    private ScheduleSpec(ExecutionTime cron, ZoneId zone, Duration every, Instant anchor) {
        this.cron = cron;
        this.zone = zone;
        this.every = every;
        this.anchor = anchor;
    }

    /** The timing of a stored schedule. */
    public static ScheduleSpec of(ScheduleRecord s) {
        return s.cron() != null ? new ScheduleSpec(ExecutionTime.forCron(cron(s.cron())), zone(s.zone()), null, null)
                : new ScheduleSpec(null, null, every(s.every()), s.createdAt());
    }

    /** Parses a cron expression of 5 or 6 fields; bad input otherwise. */
    public static Cron cron(String expression) {
        String trimmed = expression == null ? "" : expression.trim();
        int fields = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        try {
            if (fields == 5) return UNIX.parse(trimmed).validate();
            if (fields == 6) return SECONDS.parse(trimmed).validate();
        } catch (IllegalArgumentException e) {
            throw CausaException.badInput("bad cron expression '" + expression + "': " + e.getMessage());
        }
        throw CausaException.badInput("bad cron expression '" + expression + "': expected 5 fields (minute hour"
                + " day-of-month month day-of-week) or 6 (seconds first)");
    }

    /** Parses {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 1d}, {@code 500ms}; at least one second. */
    public static Duration every(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (t.isEmpty() || end != t.length()) {
            throw CausaException.badInput("bad duration '" + text + "': expected e.g. 30s, 5m, 1h, 1h30m, 1d");
        }
        if (total.compareTo(Duration.ofSeconds(1)) < 0) throw CausaException.badInput("--every must be at least 1s");
        return total;
    }

    public static ZoneId zone(String id) {
        try {
            return id == null || id.isBlank() ? ZoneId.systemDefault() : ZoneId.of(id);
        } catch (DateTimeException e) {
            throw CausaException.badInput("unknown time zone '" + id + "'");
        }
    }

    /** The latest fire time after {@code after} and at or before {@code now}, if any. */
    public Optional<Instant> latest(Instant after, Instant now) {
        Optional<Instant> last;
        if (cron != null) {
            last = cron.lastExecution(now.plusMillis(1).atZone(zone)).map(z -> z.toInstant());
        } else {
            long k = Duration.between(anchor, now).toMillis() / every.toMillis();
            last = k < 1 ? Optional.empty() : Optional.of(anchor.plus(every.multipliedBy(k)));
        }
        return last.filter(t -> t.isAfter(after) && !t.isAfter(now));
    }

    /** The first fire time after {@code after}. */
    public Optional<Instant> next(Instant after) {
        if (cron != null) return cron.nextExecution(after.atZone(zone)).map(z -> z.toInstant());
        long k = Math.max(0, Duration.between(anchor, after).toMillis() / every.toMillis()) + 1;
        return Optional.of(anchor.plus(every.multipliedBy(k)));
    }
}
