package dev.causa.engine.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How jobs and action runs become rows and back. A row holds the whole record in one {@code record jsonb} column,
 * written and read by {@link Json#mapper()} (the same snake_case JSON as events and {@code --json}), plus copies of
 * the fields that queries filter or sort on. One JSON document rather than a column per part (payload, checkpoint,
 * progress, history...) because the engine always reads and writes a job whole: one codec, no column to add when
 * the record gains a field, and a job is read back exactly as it was written.
 *
 * <p>A record is turned into text when it is handed to the store, so the caller may go on changing its object.
 */
final class JobRows {

    /** What a job's row holds, ready to bind. */
    record JobRow(String id, String jobType, String state, int priority, String actionId, String actionType,
                  String parentJobId, String initiatedBy, Instant createdAt, Instant nextRunAt,
                  boolean resumeOnStart, String json) {

        /** Whether a node may claim the job once this row is stored (if no live lease holds it). */
        boolean claimable() {
            return state.equals("queued") || state.equals("paused") && resumeOnStart;
        }
    }

    /** What an action run's row holds. */
    record ActionRow(String id, String actionType, String initiatedBy, String status, String json) {
    }

    static final String JOB_COLUMNS = "id, job_type, state, priority, action_id, action_type, parent_job_id,"
            + " initiated_by, created_at, next_run_at, resume_on_start, record";
    static final String JOB_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb";
    /** The columns a job's change may touch (its identity and origin never change). */
    static final String JOB_CHANGES = "state = ?, priority = ?, next_run_at = ?, resume_on_start = ?,"
            + " record = ?::jsonb";

    private JobRows() {
    }

    static JobRow row(JobRecord job) {
        String initiatedBy = job.actionContext == null ? null : job.actionContext.initiatedBy();
        return new JobRow(job.id, job.jobType, job.state.label(), job.priority, job.actionId, job.actionType,
                job.parentJobId, initiatedBy, job.createdAt, job.nextRunAt, job.resumeOnStart, text(job));
    }

    static ActionRow row(ActionRecord action) {
        return new ActionRow(action.id, action.actionType, action.initiatedBy,
                action.status == null ? null : action.status.name().toLowerCase(java.util.Locale.ROOT), text(action));
    }

    /** Binds every column of {@link #JOB_COLUMNS} from parameter {@code at} on; returns the next index. */
    static int bindInsert(PreparedStatement s, int at, JobRow row) throws SQLException {
        s.setString(at++, row.id);
        s.setString(at++, row.jobType);
        s.setString(at++, row.state);
        s.setInt(at++, row.priority);
        s.setString(at++, row.actionId);
        s.setString(at++, row.actionType);
        s.setString(at++, row.parentJobId);
        s.setString(at++, row.initiatedBy);
        setInstant(s, at++, row.createdAt, false);
        setInstant(s, at++, row.nextRunAt, true);
        s.setBoolean(at++, row.resumeOnStart);
        s.setString(at++, row.json);
        return at;
    }

    /** Binds the columns of {@link #JOB_CHANGES} from parameter {@code at} on; returns the next index. */
    static int bindChanges(PreparedStatement s, int at, JobRow row) throws SQLException {
        s.setString(at++, row.state);
        s.setInt(at++, row.priority);
        setInstant(s, at++, row.nextRunAt, true);
        s.setBoolean(at++, row.resumeOnStart);
        s.setString(at++, row.json);
        return at;
    }

    static int bindAction(PreparedStatement s, int at, ActionRow row) throws SQLException {
        s.setString(at++, row.id);
        s.setString(at++, row.actionType);
        s.setString(at++, row.initiatedBy);
        s.setString(at++, row.status);
        s.setString(at++, row.json);
        return at;
    }

    /**
     * A timestamp column holds microseconds; a due time is rounded up, so a job is never claimed before the
     * instant the record says.
     */
    private static void setInstant(PreparedStatement s, int at, Instant instant, boolean roundUp) throws SQLException {
        if (instant == null) {
            s.setNull(at, Types.TIMESTAMP_WITH_TIMEZONE);
            return;
        }
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        if (roundUp && micros.isBefore(instant)) micros = micros.plus(1, ChronoUnit.MICROS);
        s.setObject(at, java.time.OffsetDateTime.ofInstant(micros, java.time.ZoneOffset.UTC));
    }

    static JobRecord job(String json) {
        return read(json, JobRecord.class);
    }

    static ActionRecord action(String json) {
        return read(json, ActionRecord.class);
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static JobState state(String label) {
        return JobState.parse(label);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("unreadable " + type.getSimpleName() + " in PostgreSQL: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The record's JSON; a NUL character (which PostgreSQL text cannot hold) becomes U+FFFD. */
    static String text(Object record) {
        String json = Json.text(record);
        return json.contains("\\u0000") ? withoutNul(json) : json;
    }

    private static String withoutNul(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\' && i + 1 < json.length()) {
                if (json.startsWith("u0000", i + 1)) {
                    out.append("\\uFFFD");
                    i += 5;
                } else {
                    out.append(c).append(json.charAt(++i)); // an escape pair: its second char is never a start
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
