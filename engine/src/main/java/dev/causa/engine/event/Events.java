package dev.causa.engine.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.api.Progress;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.view.ActionContextView;
import dev.causa.engine.view.ActionView;
import dev.causa.engine.view.JobView;
import dev.causa.engine.view.ProgressJson;
import java.time.Instant;

/**
 * Builds the event JSON of DESIGN §6, field names as in the seed. A field an event shares with the job or action
 * run view is named by that view; the names only events have are here.
 */
public final class Events {

    public static final String JOB_QUEUED = "job.queued";
    public static final String JOB_STARTED = "job.started";
    public static final String JOB_PROGRESS = "job.progress";
    public static final String JOB_PAUSED = "job.paused";
    public static final String JOB_RESUMED = "job.resumed";
    public static final String JOB_COMPLETED = "job.completed";
    public static final String JOB_FAILED = "job.failed";
    public static final String JOB_CANCELLED = "job.cancelled";
    /**
     * A pause or cancel asked on one node for a job another node runs (DESIGN §11): {@code job_id}, {@code request}
     * ({@code pause} or {@code cancel}) and {@code from} (the asking node). Between engines only: never delivered to
     * a bus's listeners.
     */
    public static final String JOB_CONTROL = "job.control";
    public static final String ACTION_STARTED = "action.started";
    public static final String ACTION_COMPLETED = "action.completed";
    public static final String ACTION_FAILED = "action.failed";

    /** The event's name, e.g. {@code job.progress}. */
    public static final String EVENT = "event";
    /** The job's id: what a job view calls {@link JobView#ID}. */
    public static final String JOB_ID = "job_id";
    public static final String AT = "at";
    /** In a job event, the fraction done in [0, 1] (null if unknown), not a job view's progress report. */
    public static final String PROGRESS = JobView.PROGRESS;
    /** The reason of the job's last state change (not in progress events). */
    public static final String REASON = "reason";
    public static final String METADATA = "metadata";
    /** In metadata: the job's attempt, what a job view calls {@link JobView#ATTEMPTS}. */
    public static final String ATTEMPT = "attempt";
    public static final String PERCENTAGE = "percentage";
    public static final String RATE = "rate";
    public static final String ETA_MS = "eta_ms";
    public static final String ELAPSED_MS = "elapsed_ms";

    private Events() {
    }

    /**
     * A job event; {@code view} is the latest progress, or null. Call under the job's monitor. The fields a job view
     * shows too have its names and values ({@link JobView}); {@code error} is the error's message only.
     */
    public static CausaEvent job(String name, JobRecord job, ProgressView view, Instant at) {
        ObjectNode json = Json.object();
        json.put(EVENT, name);
        json.put(JOB_ID, job.id);
        json.put(JobView.JOB_TYPE, job.jobType);
        json.put(AT, at.toString());
        json.put(JobView.STATE, job.state.label());
        json.put(JobView.ACTION_ID, job.actionId);
        if (job.parentJobId != null) json.put(JobView.PARENT_JOB_ID, job.parentJobId);
        if (view != null) {
            json.put(PROGRESS, view.fraction() < 0 ? null : round(view.fraction(), 4));
        }
        json.put(JobView.MESSAGE, view != null ? view.message() : job.message);
        if (name.equals(JOB_FAILED) && job.error != null) {
            json.put(JobView.ERROR, job.error.message());
        }
        String reason = job.lastReason();
        if (reason != null && !name.equals(JOB_PROGRESS)) json.put(REASON, reason);
        json.set(METADATA, metadata(job, view));
        return new CausaEvent(name, json);
    }

    private static ObjectNode metadata(JobRecord job, ProgressView view) {
        ObjectNode metadata = Json.object();
        if (view != null) {
            Progress p = view.progress();
            metadata.put(ProgressJson.PHASE, p.phase());
            metadata.put(ProgressJson.COMPLETED, p.completed());
            metadata.put(ProgressJson.TOTAL, p.total());
            if (p.totalBytes() >= 0) {
                metadata.put(ProgressJson.BYTES_COMPLETED, p.bytesCompleted());
                metadata.put(ProgressJson.TOTAL_BYTES, p.totalBytes());
            }
            if (p.currentPath() != null) metadata.put(ProgressJson.CURRENT_PATH, p.currentPath());
            metadata.put(ProgressJson.ERROR_COUNT, p.errorCount());
            metadata.put(ProgressJson.WARNING_COUNT, p.warningCount());
            metadata.put(PERCENTAGE, view.percentage());
            metadata.put(RATE, round(view.rate(), 1));
            metadata.put(ETA_MS, view.etaMillis());
            metadata.put(ELAPSED_MS, view.elapsedMillis());
        }
        metadata.put(ATTEMPT, job.attempts);
        metadata.set(JobView.ACTION_CONTEXT, ActionContextView.json(job.actionContext));
        return metadata;
    }

    /** An action event: the fields an action run view shows too have its names, its id is {@code action_id}. */
    public static CausaEvent action(String name, ActionRecord action, Instant at) {
        ObjectNode json = Json.object();
        json.put(EVENT, name);
        json.put(JobView.ACTION_ID, action.id);
        json.put(ActionView.ACTION_TYPE, action.actionType);
        json.put(AT, at.toString());
        json.put(ActionView.INITIATED_BY, action.initiatedBy);
        json.set(ActionView.ACTION_INPUT, action.actionInput);
        json.set(ActionView.JOB_IDS, ActionView.value(action, ActionView.JOB_IDS));
        if (action.error != null) json.put(ActionView.ERROR, action.error);
        return new CausaEvent(name, json);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
