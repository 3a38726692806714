package dev.causa.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.api.ActionContext;
import dev.causa.api.Progress;
import dev.causa.engine.model.IllegalTransitionException;
import dev.causa.engine.model.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A job as stored: identity, why it runs (action id, type and context), its run history and where it is
 * (checkpoint). Stored as JSON bytes, never as plugin classes. Mutated only under its own monitor by the job
 * manager; {@link #transition} is the one way to change its state.
 */
public final class JobRecord {

    public static final int MAX_LOG_LINES = 200;

    public String id;
    public String jobType;
    public JobState state;
    public List<StateChange> history = new ArrayList<>();
    public int priority;
    public Instant createdAt;
    public Instant startedAt;
    public Instant finishedAt;
    public Instant nextRunAt;
    public int attempts;
    public Progress progress;
    public String message;
    public JsonNode payload;
    public JsonNode checkpoint;
    public JobError error;
    public List<String> logs = new ArrayList<>();
    public String parentJobId;
    public String actionId;
    public String actionType;
    public ActionContext actionContext;
    /** Paused by an engine shutdown rather than a user: resumes by itself on the next start. */
    public boolean resumeOnStart;
    /**
     * A user cancelled the job while it ran; if it never reached a pause point (a stuck job) and the process ended,
     * the next start cancels it instead of resuming it.
     */
    public boolean cancelRequested;

    /** Moves to {@code next} if the transition table allows it, appending to the history. */
    public void transition(JobState next, String reason, Instant at) {
        if (state != null && !state.canMoveTo(next)) throw new IllegalTransitionException(id, state, next);
        state = next;
        history.add(new StateChange(next, at, reason));
        switch (next) {
            case RUNNING -> startedAt = at;
            case COMPLETED, FAILED, CANCELLED -> finishedAt = at;
            case QUEUED -> finishedAt = null;
            default -> { }
        }
    }

    /**
     * Takes every field of {@code stored} (the same job as read back from the store): a job this process holds in
     * memory while another node runs it is brought up to date this way. Call under this record's monitor.
     */
    public void copyFrom(JobRecord stored) {
        id = stored.id;
        jobType = stored.jobType;
        state = stored.state;
        history = new ArrayList<>(stored.history);
        priority = stored.priority;
        createdAt = stored.createdAt;
        startedAt = stored.startedAt;
        finishedAt = stored.finishedAt;
        nextRunAt = stored.nextRunAt;
        attempts = stored.attempts;
        progress = stored.progress;
        message = stored.message;
        payload = stored.payload;
        checkpoint = stored.checkpoint;
        error = stored.error;
        logs = new ArrayList<>(stored.logs);
        parentJobId = stored.parentJobId;
        actionId = stored.actionId;
        actionType = stored.actionType;
        actionContext = stored.actionContext;
        resumeOnStart = stored.resumeOnStart;
        cancelRequested = stored.cancelRequested;
    }

    /** Appends a line to the bounded log. */
    public void log(String line) {
        if (logs.size() >= MAX_LOG_LINES) logs.remove(0);
        logs.add(line);
    }

    /** The last history entry's reason, or null. */
    public String lastReason() {
        return history.isEmpty() ? null : history.getLast().reason();
    }
}
