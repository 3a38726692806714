package dev.causa.engine.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.api.ActionContext;
import dev.causa.api.Progress;
import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.event.Events;
import dev.causa.engine.event.ProgressView;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.JobError;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The field names of a job, an action run and their events, as every front end shows them (--json, events,
 * the HTTP API): pinned here, so that renaming one is a deliberate change of a contract.
 */
class ViewFieldsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:30:00.123456789Z");

    @Test
    void aJobShowsEveryFieldInJobInfoAndAllButHistoryCheckpointAndLogInListings() {
        JobView view = JobView.of(failedChild(), true);

        assertThat(names(view.full())).containsExactly("id", "job_type", "state", "history", "priority",
                "created_at", "started_at", "finished_at", "next_run_at", "attempts", "progress", "message",
                "payload", "checkpoint", "error", "logs", "parent_job_id", "action_id", "action_type",
                "action_context", "resume_on_start", "cancel_requested", "unresolved");
        assertThat(names(view.summary())).containsExactly("id", "job_type", "state", "priority", "created_at",
                "started_at", "finished_at", "next_run_at", "attempts", "progress", "message", "payload", "error",
                "parent_job_id", "action_id", "action_type", "action_context", "resume_on_start",
                "cancel_requested", "unresolved");

        ObjectNode full = view.full();
        assertThat(names(full.get("history").get(0))).containsExactly("state", "at", "reason");
        assertThat(names(full.get("error"))).containsExactly("type", "message", "stack");
        assertThat(names(view.summary().get("error"))).containsExactly("type", "message");
        assertThat(names(full.get("progress"))).containsExactly("phase", "message", "completed", "total",
                "bytes_completed", "total_bytes", "current_path", "error_count", "warning_count");
        assertThat(names(full.get("action_context"))).containsExactly("action_type", "initiated_at",
                "initiated_by", "action_input", "context");
        assertThat(full.get("created_at").asText()).isEqualTo("2026-11-28T10:30:00.123456789Z");
        assertThat(full.get("state").asText()).isEqualTo("failed");
        assertThat(full.get("priority").asInt()).isEqualTo(7);
        assertThat(full.get("unresolved").asBoolean()).isTrue();
    }

    @Test
    void aViewShowsEachFieldAsTheRecordsJsonHasIt() {
        // the views used to be the records as Jackson writes them: same values, field by field (a field added to a
        // record later is not shown until a view names it)
        JobRecord job = failedChild();
        JsonNode jackson = Json.tree(job);
        ObjectNode view = JobView.of(job, false).full();
        for (String field : JobView.FULL) {
            if (!field.equals(JobView.UNRESOLVED)) assertThat(view.get(field)).as(field).isEqualTo(jackson.get(field));
        }
        ActionRecord action = action(job);
        JsonNode actionJson = Json.tree(action);
        for (String field : ActionView.FULL) {
            assertThat(ActionView.json(action).get(field)).as(field).isEqualTo(actionJson.get(field));
        }
    }

    @Test
    void anActionRunShowsItsAuditFields() {
        assertThat(names(ActionView.json(action(failedChild())))).containsExactly("id", "action_type",
                "initiated_at", "initiated_by", "action_input", "context", "status", "job_ids", "error",
                "finished_at", "replay_of", "schedule", "scheduled_for");
    }

    @Test
    void anEventOfAJobAgreesWithTheJobViewOnEveryFieldTheyShare() {
        JobRecord job = failedChild();
        ObjectNode view = JobView.of(job, false).full();
        ProgressView progress = ProgressView.of(job.progress, "Stepping vault steps (3/4)", 1500);
        JsonNode event = Events.job(Events.JOB_FAILED, job, progress, T0.plusSeconds(9)).json();

        assertThat(names(event)).containsExactly("event", "job_id", "job_type", "at", "state", "action_id",
                "parent_job_id", "progress", "message", "error", "reason", "metadata");
        assertThat(names(event.get("metadata"))).containsExactly("phase", "completed", "total", "bytes_completed",
                "total_bytes", "current_path", "error_count", "warning_count", "percentage", "rate", "eta_ms",
                "elapsed_ms", "attempt", "action_context");

        // a job view says "id", an event "job_id" (DESIGN §6); the rest have the same names and values
        assertThat(event.get("job_id")).isEqualTo(view.get("id"));
        for (String shared : List.of("job_type", "state", "action_id", "parent_job_id")) {
            assertThat(event.get(shared)).as(shared).isEqualTo(view.get(shared));
        }
        assertThat(event.get("error").asText()).isEqualTo(view.get("error").get("message").asText());
        assertThat(event.get("metadata").get("action_context")).isEqualTo(view.get("action_context"));
        assertThat(event.get("metadata").get("attempt")).isEqualTo(view.get("attempts"));
        assertThat(event.get("metadata").get("phase")).isEqualTo(view.get("progress").get("phase"));
        assertThat(event.get("metadata").get("completed")).isEqualTo(view.get("progress").get("completed"));
        assertThat(event.get("reason").asText()).isEqualTo(view.get("history").get(2).get("reason").asText());
    }

    @Test
    void anEventOfAnActionRunAgreesWithItsView() {
        ActionRecord action = action(failedChild());
        ObjectNode view = ActionView.json(action);
        CausaEvent event = Events.action(Events.ACTION_FAILED, action, T0.plusSeconds(10));

        assertThat(names(event.json())).containsExactly("event", "action_id", "action_type", "at", "initiated_by",
                "action_input", "job_ids", "error");
        assertThat(event.json().get("action_id")).isEqualTo(view.get("id"));
        assertThat(event.actionId()).isEqualTo(action.id);
        for (String shared : List.of("action_type", "initiated_by", "action_input", "job_ids", "error")) {
            assertThat(event.json().get(shared)).as(shared).isEqualTo(view.get(shared));
        }
    }

    @Test
    void aRunningJobsViewShowsItsLatestProgressInsteadOfTheStoredOne() {
        JobRecord job = failedChild();
        JobView live = JobView.of(job, false).withLiveProgress(Progress.of("Later", 4, 4), "Later (4/4)");
        assertThat(live.full().get("progress").get("phase").asText()).isEqualTo("Later");
        assertThat(live.summary().get("message").asText()).isEqualTo("Later (4/4)");
        assertThat(JobView.of(job, false).full().get("message").asText()).isEqualTo("Stepping vault steps (3/4)");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A child job that failed on its second attempt, with every field set. */
    private static JobRecord failedChild() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "vault");
        input.put("passphrase", "[redacted]");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("operation", "stepping");
        JobRecord job = new JobRecord();
        job.id = "0AP0000000001";
        job.jobType = "steps";
        job.priority = 7;
        job.createdAt = T0;
        job.transition(JobState.QUEUED, "queued", T0);
        job.transition(JobState.RUNNING, "started", T0.plusSeconds(1));
        job.transition(JobState.FAILED, "failed: disk full", T0.plusSeconds(2));
        job.nextRunAt = T0.plusSeconds(3);
        job.attempts = 2;
        job.progress = new Progress("Stepping", null, 3, 4, 30, 40, "/data/c", 1, 2);
        job.message = "Stepping vault steps (3/4)";
        job.payload = Json.object().put("steps", 4).put("secret_to_log", "[redacted]");
        job.checkpoint = Json.object().put("next", 3);
        job.error = new JobError("java.io.IOException", "disk full", "java.io.IOException: disk full\n\tat x");
        job.log("step 1");
        job.parentJobId = "0AP0000000000";
        job.actionId = "0AN0000000000";
        job.actionType = "test.steps";
        job.actionContext = new ActionContext("test.steps", T0, "cli:alice", input, context);
        return job;
    }

    private static ActionRecord action(JobRecord job) {
        ActionRecord action = new ActionRecord();
        action.id = job.actionId;
        action.actionType = job.actionType;
        action.initiatedAt = job.actionContext.initiatedAt();
        action.initiatedBy = job.actionContext.initiatedBy();
        action.actionInput = Json.tree(job.actionContext.actionInput());
        action.context = job.actionContext.context();
        action.status = ActionRecord.Status.FAILED;
        action.jobIds.add(job.id);
        action.error = "1 job(s) did not complete";
        action.finishedAt = T0.plusSeconds(10);
        return action;
    }
}
