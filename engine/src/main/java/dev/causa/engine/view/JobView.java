package dev.causa.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.api.Progress;
import dev.causa.engine.model.JobError;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.StateChange;
import java.util.List;

/**
 * A job as front ends show it: {@code job info --json} ({@link #full}), listings ({@link #summary}), and, picked
 * and renamed, scripts and events. Every field of a job is named here once, in the order it is shown.
 *
 * <p>Build it under the record's monitor when the job may be running. A view adds nothing to the stored record but
 * {@code unresolved} and, for a job this process runs, its latest progress and message (both as redacted as what
 * is stored).
 */
public final class JobView {

    public static final String ID = "id";
    public static final String JOB_TYPE = "job_type";
    public static final String STATE = "state";
    /** State changes, oldest first: {@link #HISTORY_STATE}, {@link #HISTORY_AT}, {@link #HISTORY_REASON}. */
    public static final String HISTORY = "history";
    public static final String PRIORITY = "priority";
    public static final String CREATED_AT = "created_at";
    public static final String STARTED_AT = "started_at";
    public static final String FINISHED_AT = "finished_at";
    public static final String NEXT_RUN_AT = "next_run_at";
    public static final String ATTEMPTS = "attempts";
    /** The last progress report ({@link ProgressJson}), or null. */
    public static final String PROGRESS = "progress";
    public static final String MESSAGE = "message";
    /** The job's input, redacted. */
    public static final String PAYLOAD = "payload";
    public static final String CHECKPOINT = "checkpoint";
    /** The error a job failed with: {@link #ERROR_TYPE}, {@link #ERROR_MESSAGE}, {@link #ERROR_STACK}; or null. */
    public static final String ERROR = "error";
    public static final String LOGS = "logs";
    public static final String PARENT_JOB_ID = "parent_job_id";
    public static final String ACTION_ID = "action_id";
    public static final String ACTION_TYPE = "action_type";
    /** The action context ({@link ActionContextView}), or null for a job dispatched without an action. */
    public static final String ACTION_CONTEXT = "action_context";
    public static final String RESUME_ON_START = "resume_on_start";
    public static final String CANCEL_REQUESTED = "cancel_requested";
    /** Whether no started plugin offers the job type (disabled or uninstalled): the job waits for it. */
    public static final String UNRESOLVED = "unresolved";

    public static final String HISTORY_STATE = "state";
    public static final String HISTORY_AT = "at";
    public static final String HISTORY_REASON = "reason";

    public static final String ERROR_TYPE = "type";
    public static final String ERROR_MESSAGE = "message";
    public static final String ERROR_STACK = "stack";

    /** Every field, in order: {@code job info --json}. */
    public static final List<String> FULL = List.of(ID, JOB_TYPE, STATE, HISTORY, PRIORITY, CREATED_AT, STARTED_AT,
            FINISHED_AT, NEXT_RUN_AT, ATTEMPTS, PROGRESS, MESSAGE, PAYLOAD, CHECKPOINT, ERROR, LOGS, PARENT_JOB_ID,
            ACTION_ID, ACTION_TYPE, ACTION_CONTEXT, RESUME_ON_START, CANCEL_REQUESTED, UNRESOLVED);

    /** A listing's fields: all but the history, the checkpoint and the log (and the error's stack). */
    public static final List<String> SUMMARY = FULL.stream()
            .filter(f -> !f.equals(HISTORY) && !f.equals(CHECKPOINT) && !f.equals(LOGS)).toList();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JobRecord job;
    private final boolean unresolved;
    private final Progress progress;
    private final String message;

    private JobView(JobRecord job, boolean unresolved, Progress progress, String message) {
        this.job = job;
        this.unresolved = unresolved;
        this.progress = progress;
        this.message = message;
    }

    /** The view of a stored job; {@code unresolved} says whether no started plugin offers its type. */
    public static JobView of(JobRecord job, boolean unresolved) {
        return new JobView(job, unresolved, job.progress, job.message);
    }

    /** The same view with a running job's latest progress and (redacted) message instead of the stored ones. */
    public JobView withLiveProgress(Progress latest, String latestMessage) {
        return new JobView(job, unresolved, latest, latestMessage);
    }

    public JobRecord record() {
        return job;
    }

    /** Every field: {@code job info --json}. */
    public ObjectNode full() {
        return fields(FULL, true);
    }

    /** What a listing shows of a job: {@link #SUMMARY}. */
    public ObjectNode summary() {
        return fields(SUMMARY, false);
    }

    private ObjectNode fields(List<String> names, boolean withStack) {
        ObjectNode json = NODES.objectNode();
        for (String name : names) {
            json.set(name, name.equals(ERROR) ? error(job.error, withStack) : value(name));
        }
        return json;
    }

    /** One field's value, as {@link #full} shows it; a field not listed in {@link #FULL} is an error. */
    public JsonNode value(String field) {
        return switch (field) {
            case ID -> text(job.id);
            case JOB_TYPE -> text(job.jobType);
            case STATE -> text(job.state == null ? null : job.state.label());
            case HISTORY -> history(job.history);
            case PRIORITY -> NODES.numberNode(job.priority);
            case CREATED_AT -> ActionContextView.instant(job.createdAt);
            case STARTED_AT -> ActionContextView.instant(job.startedAt);
            case FINISHED_AT -> ActionContextView.instant(job.finishedAt);
            case NEXT_RUN_AT -> ActionContextView.instant(job.nextRunAt);
            case ATTEMPTS -> NODES.numberNode(job.attempts);
            case PROGRESS -> ProgressJson.json(progress);
            case MESSAGE -> text(message);
            case PAYLOAD -> copy(job.payload);
            case CHECKPOINT -> copy(job.checkpoint);
            case ERROR -> error(job.error, true);
            case LOGS -> logs(job.logs);
            case PARENT_JOB_ID -> text(job.parentJobId);
            case ACTION_ID -> text(job.actionId);
            case ACTION_TYPE -> text(job.actionType);
            case ACTION_CONTEXT -> ActionContextView.json(job.actionContext);
            case RESUME_ON_START -> NODES.booleanNode(job.resumeOnStart);
            case CANCEL_REQUESTED -> NODES.booleanNode(job.cancelRequested);
            case UNRESOLVED -> NODES.booleanNode(unresolved);
            default -> throw new IllegalArgumentException("a job has no field " + field);
        };
    }

    /** The error's message alone (what events and scripts show), or null. */
    public String errorMessage() {
        return job.error == null ? null : job.error.message();
    }

    private static JsonNode error(JobError error, boolean withStack) {
        if (error == null) return NullNode.getInstance();
        ObjectNode json = NODES.objectNode();
        json.put(ERROR_TYPE, error.type());
        json.put(ERROR_MESSAGE, error.message());
        if (withStack) json.put(ERROR_STACK, error.stack());
        return json;
    }

    private static JsonNode history(List<StateChange> changes) {
        if (changes == null) return NullNode.getInstance();
        ArrayNode json = NODES.arrayNode(changes.size());
        for (StateChange change : changes) {
            ObjectNode entry = json.addObject();
            entry.put(HISTORY_STATE, change.state() == null ? null : change.state().label());
            entry.set(HISTORY_AT, ActionContextView.instant(change.at()));
            entry.put(HISTORY_REASON, change.reason());
        }
        return json;
    }

    private static JsonNode logs(List<String> lines) {
        if (lines == null) return NullNode.getInstance();
        ArrayNode json = NODES.arrayNode(lines.size());
        lines.forEach(json::add);
        return json;
    }

    private static JsonNode text(String value) {
        return value == null ? NullNode.getInstance() : NODES.textNode(value);
    }

    private static JsonNode copy(JsonNode node) {
        return node == null ? NullNode.getInstance() : node.deepCopy();
    }
}
