package dev.causa.engine;

import dev.causa.engine.model.CausaException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.engine.action.ActionRun;
import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.model.JobState;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.testkit.StepsJob;
import dev.causa.engine.testkit.TestEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionDispatchTest {

    @TempDir
    Path home;
    Causa causa;

    @BeforeEach
    void open() {
        StepsJob.reset();
        causa = TestEngine.open(home);
    }

    @AfterEach
    void close() {
        causa.close();
    }

    @Test
    void everyJobOfAnActionCarriesTheFullActionContext() throws Exception {
        causa.startWorkers();
        ActionRun run = causa.runAction("test.steps", TestEngine.steps("Documents", 2, 3, -1), "cli:alice");
        ActionRecord done = run.done().get(30, TimeUnit.SECONDS);

        assertThat(done.status).isEqualTo(ActionRecord.Status.COMPLETED);
        List<JobRecord> jobs = causa.jobs(JobQuery.ofAction(run.actionId()));
        assertThat(jobs).hasSize(2).allSatisfy(job -> {
            assertThat(job.state).isEqualTo(JobState.COMPLETED);
            assertThat(job.actionType).isEqualTo("test.steps");
            assertThat(job.actionContext.actionType()).isEqualTo("test.steps");
            assertThat(job.actionContext.initiatedBy()).isEqualTo("cli:alice");
            assertThat(job.actionContext.initiatedAt()).isEqualTo(done.initiatedAt);
            assertThat(job.actionContext.actionInput()).containsEntry("name", "Documents");
            assertThat(job.actionContext.context()).containsEntry("operation", "stepping")
                    .containsEntry("name", "Documents").containsEntry("batch", "b-Documents");
            assertThat(job.message).isEqualTo("Stepping Documents steps (3/3)");
        });
    }

    @Test
    void malformedInputsAreOneLineErrorsAndCreateNothing() {
        assertRefused("test.steps", "{\"name\": ", CausaException.Kind.BAD_INPUT, "invalid JSON input for test.steps");
        assertRefused("test.steps", "[1,2]", CausaException.Kind.BAD_INPUT, "must be a JSON object, not array");
        assertRefused("test.steps", "{\"name\":\"x\",\"steps\":1,\"colour\":\"red\"}", CausaException.Kind.BAD_INPUT,
                "unknown field 'colour' in the input of test.steps");
        assertRefused("test.steps", "{\"name\":\"x\",\"steps\":\"many\"}", CausaException.Kind.BAD_INPUT,
                "field 'steps'");
        assertRefused("test.steps", "{\"steps\":2}", CausaException.Kind.BAD_INPUT, "test.steps: name is required");
        assertRefused("test.steps", "{\"name\":\"x\"}", CausaException.Kind.BAD_INPUT,
                "field 'steps' of test.steps is required");
        assertRefused("test.nope", "{}", CausaException.Kind.NOT_FOUND, "unknown action type 'test.nope'");

        assertThat(causa.jobs(JobQuery.all(0))).isEmpty();
        assertThat(causa.actionRuns(null, 0)).isEmpty();
    }

    private void assertRefused(String type, String json, CausaException.Kind kind, String message) {
        assertThatThrownBy(() -> causa.runAction(type, json, "cli:alice"))
                .isInstanceOfSatisfying(CausaException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void jobsAreListedByActionTypeNewestFirstAndTheIndexSurvivesReopening() throws Exception {
        ActionRun first = causa.runAction("test.steps", TestEngine.steps("a", 3, 0, -1), "cli:alice");
        causa.dispatch(StepsJob.TYPE, "{\"steps\":0,\"hold_before\":-1,\"fail_with\":null,\"fail_attempts\":0,"
                + "\"secret_to_log\":null}");
        ActionRun second = causa.runAction("test.steps", TestEngine.steps("b", 2, 0, -1), "cli:alice");
        causa.close();
        causa = TestEngine.open(home);

        List<JobRecord> all = causa.jobs(new JobQuery("test.steps", null, null, null, 0));
        assertThat(all).extracting(j -> j.id).containsExactlyElementsOf(
                concat(reversed(second.jobIds()), reversed(first.jobIds())));
        assertThat(causa.jobs(new JobQuery("test.steps", null, null, null, 2))).extracting(j -> j.id)
                .containsExactlyElementsOf(reversed(second.jobIds()));
        assertThat(causa.jobs(new JobQuery("other.type", null, null, null, 0))).isEmpty();
        assertThat(causa.jobs(JobQuery.all(0))).hasSize(6)
                .filteredOn(j -> j.actionContext == null).hasSize(1);
        assertThat(causa.jobs(new JobQuery(null, JobState.QUEUED, null, null, 0))).hasSize(6);

        String someId = first.jobIds().get(1);
        assertThat(causa.job(someId.substring(someId.length() - 6)).id).as("a short suffix names a recent job")
                .isEqualTo(someId);
        assertThat(causa.job(someId.toLowerCase()).id).isEqualTo(someId);
        assertThatThrownBy(() -> causa.job(someId.substring(0, 3))).isInstanceOfSatisfying(CausaException.class,
                e -> assertThat(e.getMessage()).contains("names more than one job"));
    }

    @Test
    void eventsFollowTheSeedShapeAndCarryTheActionContext() throws Exception {
        List<CausaEvent> events = TestEngine.record(causa);
        causa.startWorkers();
        ActionRun run = causa.runAction("test.steps", TestEngine.steps("Photos", 1, 4, -1), "repl:bob");
        run.done().get(30, TimeUnit.SECONDS);
        causa.events().delivered().get(30, TimeUnit.SECONDS); // what was published has reached the listeners

        String jobId = run.jobIds().getFirst();
        List<String> names = events.stream().filter(e -> jobId.equals(e.jobId())).map(CausaEvent::name).toList();
        assertThat(names).startsWith("job.queued", "job.started").endsWith("job.completed");
        assertThat(events).extracting(CausaEvent::name).contains("action.started", "action.completed");

        CausaEvent progress = events.stream().filter(e -> e.name().equals("job.progress")).reduce((a, b) -> b)
                .orElseThrow();
        var json = progress.json();
        assertThat(json.path("job_id").asText()).isEqualTo(jobId);
        assertThat(json.path("job_type").asText()).isEqualTo("steps");
        assertThat(json.path("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(json.path("message").asText()).isEqualTo("Stepping Photos steps (4/4)");
        assertThat(json.path("progress").asDouble()).isEqualTo(1.0);
        var metadata = json.path("metadata");
        assertThat(metadata.path("phase").asText()).isEqualTo("Stepping");
        assertThat(metadata.path("completed").asLong()).isEqualTo(4);
        assertThat(metadata.path("total").asLong()).isEqualTo(4);
        assertThat(metadata.has("rate")).isTrue();
        assertThat(metadata.has("eta_ms")).isTrue();
        var context = metadata.path("action_context");
        assertThat(context.path("action_type").asText()).isEqualTo("test.steps");
        assertThat(context.path("initiated_by").asText()).isEqualTo("repl:bob");
        assertThat(context.path("initiated_at").asText()).endsWith("Z");
        assertThat(context.path("action_input").path("name").asText()).isEqualTo("Photos");
        assertThat(context.path("context").path("operation").asText()).isEqualTo("stepping");
    }

    @Test
    void aFailingJobEndsFailedWithItsRealErrorKeptInHistoryAndEvents() throws Exception {
        List<CausaEvent> events = TestEngine.record(causa);
        causa.startWorkers();
        ActionRun run = causa.runAction("test.steps",
                "{\"name\":\"x\",\"steps\":1,\"fail_with\":\"disk on fire\",\"fail_attempts\":9}", "cli:alice");
        ActionRecord done = run.done().get(30, TimeUnit.SECONDS);
        causa.events().delivered().get(30, TimeUnit.SECONDS);

        assertThat(done.status).isEqualTo(ActionRecord.Status.FAILED);
        JobRecord job = causa.job(run.jobIds().getFirst());
        assertThat(job.state).isEqualTo(JobState.FAILED);
        assertThat(job.error.message()).isEqualTo("disk on fire (attempt 3)");
        assertThat(job.error.stack()).contains("IllegalStateException").contains("StepsJob.run");
        assertThat(job.history.getLast().reason()).isEqualTo("failed: disk on fire (attempt 3)");
        assertThat(events).filteredOn(e -> e.name().equals("job.failed"))
                .extracting(e -> e.json().path("error").asText())
                .contains("disk on fire (attempt 1)", "disk on fire (attempt 3)");
    }

    private static List<String> reversed(List<String> ids) {
        return ids.reversed();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
