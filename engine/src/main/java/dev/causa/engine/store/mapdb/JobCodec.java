package dev.causa.engine.store.mapdb;

import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.StateChange;
import dev.causa.engine.model.JobError;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.causa.api.ActionContext;
import dev.causa.api.Progress;
import dev.causa.engine.model.JobState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.causa.engine.store.mapdb.CodecFields.*;

/** A job record field by field, as {@link RecordCodec} stores it. */
final class JobCodec {

    private JobCodec() {
    }


    static void write(JsonGenerator g, JobRecord job) throws IOException {
        g.writeStartObject();
        string(g, "id", job.id);
        string(g, "job_type", job.jobType);
        state(g, "state", job.state);
        if (job.history == null) {
            g.writeNullField("history");
        } else {
            g.writeArrayFieldStart("history");
            for (StateChange change : job.history) {
                if (change == null) {
                    g.writeNull();
                    continue;
                }
                g.writeStartObject();
                state(g, "state", change.state());
                instant(g, "at", change.at());
                string(g, "reason", change.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeNumberField("priority", job.priority);
        instant(g, "created_at", job.createdAt);
        instant(g, "started_at", job.startedAt);
        instant(g, "finished_at", job.finishedAt);
        instant(g, "next_run_at", job.nextRunAt);
        g.writeNumberField("attempts", job.attempts);
        writeProgress(g, job.progress);
        string(g, "message", job.message);
        value(g, "payload", job.payload);
        value(g, "checkpoint", job.checkpoint);
        if (job.error != null) {
            g.writeObjectFieldStart("error");
            string(g, "type", job.error.type());
            string(g, "message", job.error.message());
            string(g, "stack", job.error.stack());
            g.writeEndObject();
        }
        strings(g, "logs", job.logs);
        string(g, "parent_job_id", job.parentJobId);
        string(g, "action_id", job.actionId);
        string(g, "action_type", job.actionType);
        writeContext(g, job.actionContext);
        g.writeBooleanField("resume_on_start", job.resumeOnStart);
        g.writeBooleanField("cancel_requested", job.cancelRequested);
        g.writeEndObject();
    }

    static JobRecord read(JsonParser p) throws IOException {
        expect(p, p.nextToken(), JsonToken.START_OBJECT);
        JobRecord job = new JobRecord();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> job.id = string(p, t);
                case "job_type" -> job.jobType = string(p, t);
                case "state" -> job.state = state(p, t);
                case "history" -> job.history = history(p, t);
                case "priority" -> job.priority = integer(p, t);
                case "created_at" -> job.createdAt = instant(p, t);
                case "started_at" -> job.startedAt = instant(p, t);
                case "finished_at" -> job.finishedAt = instant(p, t);
                case "next_run_at" -> job.nextRunAt = instant(p, t);
                case "attempts" -> job.attempts = integer(p, t);
                case "progress" -> job.progress = progress(p, t);
                case "message" -> job.message = string(p, t);
                case "payload" -> job.payload = tree(p, t);
                case "checkpoint" -> job.checkpoint = tree(p, t);
                case "error" -> job.error = error(p, t);
                case "logs" -> job.logs = strings(p, t);
                case "parent_job_id" -> job.parentJobId = string(p, t);
                case "action_id" -> job.actionId = string(p, t);
                case "action_type" -> job.actionType = string(p, t);
                case "action_context" -> job.actionContext = context(p, t);
                case "resume_on_start" -> job.resumeOnStart = bool(p, t);
                case "cancel_requested" -> job.cancelRequested = bool(p, t);
                default -> throw unknown(p, name);
            }
        }
        expect(p, p.currentToken(), JsonToken.END_OBJECT);
        if (job.payload == null) job.payload = NullNode.getInstance();
        if (job.checkpoint == null) job.checkpoint = NullNode.getInstance();
        return job;
    }

    static List<StateChange> history(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_ARRAY);
        List<StateChange> out = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_NULL) {
                out.add(null);
                continue;
            }
            expect(p, t, JsonToken.START_OBJECT);
            JobState state = null;
            Instant at = null;
            String reason = null;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                switch (name) {
                    case "state" -> state = state(p, v);
                    case "at" -> at = instant(p, v);
                    case "reason" -> reason = string(p, v);
                    default -> throw unknown(p, name);
                }
            }
            out.add(new StateChange(state, at, reason));
        }
        return out;
    }

    static void writeProgress(JsonGenerator g, Progress progress) throws IOException {
        if (progress == null) return;
        g.writeObjectFieldStart("progress");
        string(g, "phase", progress.phase());
        string(g, "message", progress.message());
        g.writeNumberField("completed", progress.completed());
        g.writeNumberField("total", progress.total());
        g.writeNumberField("bytes_completed", progress.bytesCompleted());
        g.writeNumberField("total_bytes", progress.totalBytes());
        string(g, "current_path", progress.currentPath());
        g.writeNumberField("error_count", progress.errorCount());
        g.writeNumberField("warning_count", progress.warningCount());
        g.writeEndObject();
    }

    static Progress progress(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_OBJECT);
        String phase = null;
        String message = null;
        long completed = 0;
        long total = 0;
        long bytesCompleted = 0;
        long totalBytes = 0;
        String currentPath = null;
        int errorCount = 0;
        int warningCount = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "phase" -> phase = string(p, v);
                case "message" -> message = string(p, v);
                case "completed" -> completed = longValue(p, v);
                case "total" -> total = longValue(p, v);
                case "bytes_completed" -> bytesCompleted = longValue(p, v);
                case "total_bytes" -> totalBytes = longValue(p, v);
                case "current_path" -> currentPath = string(p, v);
                case "error_count" -> errorCount = integer(p, v);
                case "warning_count" -> warningCount = integer(p, v);
                default -> throw unknown(p, name);
            }
        }
        return new Progress(phase, message, completed, total, bytesCompleted, totalBytes, currentPath, errorCount,
                warningCount);
    }

    static JobError error(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_OBJECT);
        String type = null;
        String message = null;
        String stack = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "type" -> type = string(p, v);
                case "message" -> message = string(p, v);
                case "stack" -> stack = string(p, v);
                default -> throw unknown(p, name);
            }
        }
        return new JobError(type, message, stack);
    }

    static void writeContext(JsonGenerator g, ActionContext context) throws IOException {
        if (context == null) return;
        g.writeObjectFieldStart("action_context");
        string(g, "action_type", context.actionType());
        instant(g, "initiated_at", context.initiatedAt());
        string(g, "initiated_by", context.initiatedBy());
        value(g, "action_input", context.actionInput());
        value(g, "context", context.context());
        g.writeEndObject();
    }

    static ActionContext context(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_OBJECT);
        String actionType = null;
        Instant initiatedAt = null;
        String initiatedBy = null;
        Map<String, Object> actionInput = null;
        Map<String, Object> context = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "action_type" -> actionType = string(p, v);
                case "initiated_at" -> initiatedAt = instant(p, v);
                case "initiated_by" -> initiatedBy = string(p, v);
                case "action_input" -> actionInput = map(p, v);
                case "context" -> context = map(p, v);
                default -> throw unknown(p, name);
            }
        }
        return new ActionContext(actionType, initiatedAt, initiatedBy, actionInput, context);
    }

}
