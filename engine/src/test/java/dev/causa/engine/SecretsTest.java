package dev.causa.engine;

import dev.causa.engine.model.CausaException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.engine.action.ActionRun;
import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.testkit.StepsJob;
import dev.causa.engine.testkit.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets in action inputs never reach the store file, the job log, errors or events. */
class SecretsTest {

    private static final String PASSPHRASE = "correct-horse-battery-staple";
    private static final String TOKEN = "tok_9f8e7d6c5b4a";

    @TempDir
    Path home;

    @Test
    void plantedSecretsAppearNowhereOnDiskOrInEvents() throws Exception {
        StepsJob.reset();
        List<CausaEvent> events;
        String jobId;
        try (Causa causa = TestEngine.open(home)) {
            events = TestEngine.record(causa);
            causa.startWorkers();
            ActionRun run = causa.runAction("test.steps", "{\"name\":\"vault\",\"steps\":2,\"passphrase\":\""
                    + PASSPHRASE + "\",\"api_token\":\"" + TOKEN + "\",\"log_secret\":true,"
                    + "\"fail_with\":\"bad passphrase " + PASSPHRASE + "\",\"fail_attempts\":1}", "cli:alice");
            run.done().get(30, TimeUnit.SECONDS);
            jobId = run.jobIds().getFirst();

            JobRecord job = causa.job(jobId);
            assertThat(job.actionContext.actionInput()).containsEntry("passphrase", "[redacted]")
                    .containsEntry("api_token", "[redacted]").containsEntry("name", "vault");
            assertThat(job.logs).anySatisfy(line -> assertThat(line).endsWith("using [redacted]"));
            assertThat(job.history.get(2).reason()).isEqualTo("failed: bad passphrase [redacted] (attempt 1)");
            assertThat(causa.actionRun(job.actionId).actionInput.path("passphrase").asText()).isEqualTo("[redacted]");
            causa.events().delivered().get(30, TimeUnit.SECONDS);
        }

        assertThat(events).isNotEmpty();
        for (CausaEvent event : events) {
            assertThat(event.json().toString()).doesNotContain(PASSPHRASE).doesNotContain(TOKEN);
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.toString()).doesNotContain(PASSPHRASE).doesNotContain(TOKEN);
            }
        }
    }

    @Test
    void replayAsksForRedactedValuesInsteadOfRunningWithThePlaceholder() throws Exception {
        try (Causa causa = TestEngine.open(home)) {
            ActionRun run = causa.runAction("test.steps",
                    "{\"name\":\"vault\",\"steps\":1,\"passphrase\":\"" + PASSPHRASE + "\"}", "cli:alice");

            assertThatThrownBy(() -> causa.replay(run.actionId(), null, "cli:alice"))
                    .isInstanceOf(CausaException.class)
                    .hasMessageContaining("passphrase was redacted; give it again");

            ActionRun again = causa.replay(run.actionId(), "{\"passphrase\":\"another-secret\"}", "cli:alice");
            assertThat(causa.actionRun(again.actionId()).replayOf).isEqualTo(run.actionId());
            assertThat(again.context().actionInput()).containsEntry("passphrase", "[redacted]");
        }
    }
}
