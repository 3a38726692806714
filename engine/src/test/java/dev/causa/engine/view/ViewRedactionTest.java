package dev.causa.engine.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.engine.Causa;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.script.ScriptRunner;
import dev.causa.engine.testkit.StepsJob;
import dev.causa.engine.testkit.TestEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret in an action's input never reaches a view: not while the job runs (when the engine holds the real
 * payload in memory), not after. Every view of a job and its action run is checked: --json, scripts, events.
 */
class ViewRedactionTest {

    private static final String PASSPHRASE = "correct-horse-battery-staple";
    private static final String TOKEN = "tok_9f8e7d6c5b4a";

    @TempDir
    java.nio.file.Path home;

    @Test
    void noViewShowsASecretOfTheInputWhileTheJobRunsOrAfter() throws Exception {
        StepsJob.reset();
        try (Causa causa = TestEngine.open(home)) {
            List<CausaEvent> events = TestEngine.record(causa);
            causa.startWorkers();
            // the job logs the passphrase and holds before its second step: running, with progress
            ActionRun run = causa.runAction("test.steps", "{\"name\":\"vault\",\"steps\":3,\"hold_before\":1,"
                    + "\"passphrase\":\"" + PASSPHRASE + "\",\"api_token\":\"" + TOKEN + "\",\"log_secret\":true}",
                    "cli:alice");
            String id = run.jobIds().getFirst();
            assertThat(StepsJob.atGate(id).tryAcquire(30, TimeUnit.SECONDS)).isTrue();

            List<String> shown = views(causa, id);
            JobRecord running = causa.job(id);
            assertThat(running.state).isEqualTo(JobState.RUNNING);
            // not vacuous: the views do show the input and the payload, redacted
            assertThat(causa.jobView(running).full().path("payload").path("secret_to_log").asText())
                    .isEqualTo("[redacted]");
            assertThat(causa.jobView(running).full().path("action_context").path("action_input")
                    .path("passphrase").asText()).isEqualTo("[redacted]");

            StepsJob.gate(id).release();
            run.done().get(30, TimeUnit.SECONDS);
            shown.addAll(views(causa, id));
            causa.events().delivered().get(30, TimeUnit.SECONDS);
            events.forEach(e -> shown.add(e.json().toString()));

            assertThat(shown).isNotEmpty().allSatisfy(text -> assertThat(text)
                    .doesNotContain(PASSPHRASE).doesNotContain(TOKEN));
        }
    }

    /** Every view of the job and its action run, as text. */
    private static List<String> views(Causa causa, String id) {
        List<String> shown = new ArrayList<>();
        JobRecord job = causa.job(id);
        shown.add(causa.jobView(job).full().toString());
        shown.add(causa.jobView(job).summary().toString());
        shown.add(ActionView.json(causa.actionRun(job.actionId)).toString());
        StringWriter out = new StringWriter();
        shown.add(new ScriptRunner(causa).evaluate("[causa.jobs.get('" + id + "'), causa.jobs.list({}),"
                        + " causa.actions.result('" + job.actionId + "')]", "cli:alice", Duration.ofSeconds(60),
                new ScriptRunner.Output(new PrintWriter(out, true), new PrintWriter(out, true))));
        shown.add(out.toString());
        return shown;
    }
}
