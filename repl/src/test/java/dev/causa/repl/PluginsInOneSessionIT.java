package dev.causa.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.engine.Causa;
import dev.causa.engine.model.CausaException;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin changes inside one running engine, as in the REPL: an installed plugin's action works at once, and a job
 * that a worker found without its plugin waits and runs as soon as the plugin is enabled again.
 */
class PluginsInOneSessionIT {

    private static Causa open(Path home) {
        Path builtin = Path.of(System.getProperty("causa.dist", "repl/target/causa"), "plugins");
        return Causa.open(new Causa.Options(home, List.of(builtin), 2));
    }

    @Test
    void aWaitingJobRunsAsSoonAsItsPluginIsBack(@TempDir Path tmp) throws Exception {
        try (Causa causa = open(tmp.resolve("home"))) {
            assertThatThrownBy(() -> causa.actionInfo("sample.greet")).isInstanceOf(CausaException.class);
            causa.installPlugin(PluginLifecycleIT.samplePlugin());
            assertThat(causa.actionInfo("sample.greet").pluginId()).isEqualTo("sample");

            String action = causa.runAction("sample.greet", "{\"name\":\"Eve\",\"count\":2}", "repl:test").actionId();
            String id = causa.jobs(JobQuery.ofAction(action)).getFirst().id;
            causa.disablePlugin("sample");
            causa.startWorkers();
            // a worker takes the job, finds no plugin for it, and leaves it waiting, queued
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (causa.jobManager().unresolvedCount() == 0 && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(causa.jobManager().unresolvedCount()).isEqualTo(1);
            JobRecord waiting = causa.job(id);
            assertThat(waiting.state).isEqualTo(JobState.QUEUED);
            assertThat(causa.plugins().extensions().job(waiting.jobType)).isEmpty();

            causa.enablePlugin("sample");
            JobRecord done = causa.liveJob(id).orElseThrow().finished().get(20, TimeUnit.SECONDS);
            assertThat(done.state).isEqualTo(JobState.COMPLETED);
            assertThat(done.actionContext.contextValue("greeting_for", null)).isEqualTo("Eve");
        }
    }
}
