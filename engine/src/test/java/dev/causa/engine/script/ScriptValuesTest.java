package dev.causa.engine.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.api.ActionContext;
import dev.causa.engine.model.JobError;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.view.JobView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What scripts see of a job (DESIGN §8): the job view's fields, camelCase at the top, the contract's names inside. */
class ScriptValuesTest {

    @Test
    void aJobHasTheScriptApisNamesAndTheJobViewsValues() {
        JobRecord job = new JobRecord();
        job.id = "0AP0000000001";
        job.jobType = "steps";
        job.createdAt = Instant.parse("2026-11-28T10:30:00Z");
        job.transition(JobState.QUEUED, "queued", job.createdAt);
        job.actionId = "0AN0000000000";
        job.actionType = "test.steps";
        job.actionContext = new ActionContext("test.steps", job.createdAt, "script:nightly.mjs",
                Map.of("name", "vault"), Map.of("operation", "stepping"));
        job.error = new JobError("java.io.IOException", "disk full", "stack");

        ObjectNode script = ScriptValues.job(job);
        List<String> names = new ArrayList<>();
        script.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "jobType", "state", "actionId", "actionType", "parentJobId",
                "actionContext", "createdAt", "startedAt", "finishedAt", "attempts", "message", "error", "progress");

        JsonNode view = JobView.of(job, false).full();
        assertThat(script.get("jobType")).isEqualTo(view.get("job_type"));
        assertThat(script.get("createdAt")).isEqualTo(view.get("created_at"));
        assertThat(script.get("actionContext")).isEqualTo(view.get("action_context"));
        assertThat(script.get("actionContext").get("initiated_by").asText()).isEqualTo("script:nightly.mjs");
        assertThat(script.get("error").asText()).isEqualTo("disk full");
    }

    @Test
    void aViewFieldIsNamedInCamelCase() {
        assertThat(ScriptValues.scriptName("job_type")).isEqualTo("jobType");
        assertThat(ScriptValues.scriptName("parent_job_id")).isEqualTo("parentJobId");
        assertThat(ScriptValues.scriptName("id")).isEqualTo("id");
    }
}
