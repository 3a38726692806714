package dev.causa.engine.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.api.Progress;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.JobRecord;
import java.time.Instant;

/** Builds the event JSON of DESIGN §6, field names as in the seed. */
public final class Events {

    public static final String JOB_QUEUED = "job.queued";
    public static final String JOB_STARTED = "job.started";
    public static final String JOB_PROGRESS = "job.progress";
    public static final String JOB_PAUSED = "job.paused";
    public static final String JOB_RESUMED = "job.resumed";
    public static final String JOB_COMPLETED = "job.completed";
    public static final String JOB_FAILED = "job.failed";
    public static final String JOB_CANCELLED = "job.cancelled";
    public static final String ACTION_STARTED = "action.started";
    public static final String ACTION_COMPLETED = "action.completed";
    public static final String ACTION_FAILED = "action.failed";

    private Events() {
    }

    /** A job event; {@code view} is the latest progress, or null. Call under the job's monitor. */
    public static CausaEvent job(String name, JobRecord job, ProgressView view, Instant at) {
        ObjectNode json = Json.object();
        json.put("event", name);
        json.put("job_id", job.id);
        json.put("job_type", job.jobType);
        json.put("at", at.toString());
        json.put("state", job.state.label());
        json.put("action_id", job.actionId);
        if (job.parentJobId != null) json.put("parent_job_id", job.parentJobId);
        if (view != null) {
            json.put("progress", view.fraction() < 0 ? null : round(view.fraction(), 4));
        }
        json.put("message", view != null ? view.message() : job.message);
        if (name.equals(JOB_FAILED) && job.error != null) {
            json.put("error", job.error.message());
        }
        String reason = job.lastReason();
        if (reason != null && !name.equals(JOB_PROGRESS)) json.put("reason", reason);
        json.set("metadata", metadata(job, view));
        return new CausaEvent(name, json);
    }

    private static ObjectNode metadata(JobRecord job, ProgressView view) {
        ObjectNode metadata = Json.object();
        if (view != null) {
            Progress p = view.progress();
            metadata.put("phase", p.phase());
            metadata.put("completed", p.completed());
            metadata.put("total", p.total());
            if (p.totalBytes() >= 0) {
                metadata.put("bytes_completed", p.bytesCompleted());
                metadata.put("total_bytes", p.totalBytes());
            }
            if (p.currentPath() != null) metadata.put("current_path", p.currentPath());
            metadata.put("error_count", p.errorCount());
            metadata.put("warning_count", p.warningCount());
            metadata.put("percentage", view.percentage());
            metadata.put("rate", round(view.rate(), 1));
            metadata.put("eta_ms", view.etaMillis());
            metadata.put("elapsed_ms", view.elapsedMillis());
        }
        metadata.put("attempt", job.attempts);
        metadata.set("action_context", Json.tree(job.actionContext));
        return metadata;
    }

    public static CausaEvent action(String name, ActionRecord action, Instant at) {
        ObjectNode json = Json.object();
        json.put("event", name);
        json.put("action_id", action.id);
        json.put("action_type", action.actionType);
        json.put("at", at.toString());
        json.put("initiated_by", action.initiatedBy);
        json.set("action_input", action.actionInput);
        json.set("job_ids", Json.tree(action.jobIds));
        if (action.error != null) json.put("error", action.error);
        return new CausaEvent(name, json);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
