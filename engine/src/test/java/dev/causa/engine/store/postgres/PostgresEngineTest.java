package dev.causa.engine.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.engine.Causa;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.testkit.PostgresTestServer;
import dev.causa.engine.testkit.TestEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole engine on PostgreSQL: an action's jobs run, report progress and finish, as on MapDB. */
class PostgresEngineTest {

    @TempDir
    Path home;
    private String url;
    private Causa causa;

    @BeforeEach
    void open() {
        url = PostgresTestServer.freshDatabase();
        causa = new Causa.Builder(new Causa.Options(home, List.of(), 2, TestEngine.extensions())).store(url).build();
    }

    @AfterEach
    void close() {
        causa.close();
        PostgresTestServer.drop(url);
    }

    @Test
    void anActionRunsToTheEndWithItsContextAndProgress() throws Exception {
        List<CausaEvent> events = TestEngine.record(causa);
        causa.startWorkers();
        ActionRun run = causa.runAction("test.steps", TestEngine.steps("Documents", 3, 3, -1), "cli:alice");
        ActionRecord done = run.done().get(60, TimeUnit.SECONDS);

        assertThat(done.status).isEqualTo(ActionRecord.Status.COMPLETED);
        List<JobRecord> jobs = causa.jobs(JobQuery.ofAction(run.actionId()));
        assertThat(jobs).hasSize(3).allSatisfy(job -> {
            assertThat(job.state).isEqualTo(JobState.COMPLETED);
            assertThat(job.actionContext.initiatedBy()).isEqualTo("cli:alice");
            assertThat(job.message).isEqualTo("Stepping Documents steps (3/3)");
            assertThat(job.history).extracting(h -> h.state()).containsExactly(JobState.QUEUED, JobState.RUNNING,
                    JobState.COMPLETED);
        });
        causa.events().delivered().get(30, TimeUnit.SECONDS);
        assertThat(events).extracting(CausaEvent::name).contains("job.progress", "job.completed", "action.completed");
    }
}
