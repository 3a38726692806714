package dev.causa.engine.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The states of a job and the one table of allowed transitions (DESIGN §4):
 * {@code queued → running → completed | failed | cancelled}, {@code running ↔ paused}, {@code queued → cancelled},
 * {@code paused → cancelled}, {@code failed → queued} (retry).
 */
public enum JobState {
    QUEUED, RUNNING, PAUSED, COMPLETED, FAILED, CANCELLED;

    private static final Map<JobState, Set<JobState>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(RUNNING, CANCELLED),
            RUNNING, EnumSet.of(COMPLETED, FAILED, CANCELLED, PAUSED),
            PAUSED, EnumSet.of(RUNNING, CANCELLED),
            FAILED, EnumSet.of(QUEUED),
            COMPLETED, EnumSet.noneOf(JobState.class),
            CANCELLED, EnumSet.noneOf(JobState.class));

    /** Whether the table allows moving from this state to {@code next}. */
    public boolean canMoveTo(JobState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** Whether no transition leaves this state except a retry: the job has ended. */
    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a user-typed state name; the message lists the valid ones. */
    @JsonCreator
    public static JobState parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown state '" + text + "' (expected one of "
                    + String.join(", ", Arrays.stream(values()).map(JobState::label).toList()) + ")");
        }
    }
}
