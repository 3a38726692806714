package dev.causa.engine.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.api.Action;
import dev.causa.api.ActionScope;
import dev.causa.api.Job;
import dev.causa.api.JobContext;
import dev.causa.api.Progress;
import dev.causa.engine.Causa;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real GraalJS (interpreted here: unit tests run without the compiler on the module path) on a real engine. */
@Timeout(60)
class ScriptRunnerTest {

    public record Steps(int count, long pauseMs) {
    }

    /** Dispatches one job that reports progress from a worker thread. */
    public static final class StepsAction implements Action<Steps> {
        @Override
        public String type() {
            return "test.steps";
        }

        @Override
        public Class<Steps> inputType() {
            return Steps.class;
        }

        @Override
        public void execute(Steps input, ActionScope scope) {
            scope.dispatch("steps", input);
        }
    }

    public static final class StepsJob implements Job<Steps> {
        @Override
        public String type() {
            return "steps";
        }

        @Override
        public Class<Steps> payloadType() {
            return Steps.class;
        }

        @Override
        public void run(Steps payload, JobContext context) throws Exception {
            for (int i = 1; i <= payload.count(); i++) {
                context.progress(Progress.of("Stepping", i, payload.count()).withMessage("step " + i));
                Thread.sleep(payload.pauseMs());
                context.pausePoint();
            }
        }
    }

    @TempDir
    Path home;
    @TempDir
    Path scripts;
    Causa causa;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void open() {
        causa = Causa.open(new Causa.Options(home, List.of(), 2, List.of(new StepsAction(), new StepsJob())));
        causa.startWorkers();
    }

    @AfterEach
    void close() {
        causa.close();
    }

    private ScriptRunner.Output output() {
        return new ScriptRunner.Output(new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private void run(String name, String code, Duration timeout) throws Exception {
        Path file = scripts.resolve(name);
        Files.writeString(file, code);
        new ScriptRunner(causa).runFile(file, List.of("one"), timeout, output());
    }

    @Test
    void progressFromWorkerThreadsReachesCallbacksOnTheScriptThread() throws Exception {
        run("steps.mjs", """
                const run = await causa.actions.run('test.steps', { count: 4, pause_ms: 150 });
                let calls = 0;
                run.jobs[0].onProgress(p => { calls++; });
                const done = await run.done;
                console.log(done.status, calls > 0, run.actionContext.initiated_by, causa.args[0]);
                """, Duration.ofSeconds(30));
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString().strip()).isEqualTo("completed true script:steps.mjs one");
    }

    @Test
    void eventSubscriptionsSeeTheEngineEventsInOrder() throws Exception {
        run("events.mjs", """
                const seen = [];
                const off = causa.events.on('job.*', e => seen.push(e.event));
                const run = await causa.actions.run('test.steps', { count: 1, pause_ms: 1 });
                await run.done;
                off();
                console.log(seen[0], seen[seen.length - 1]);
                """, Duration.ofSeconds(30));
        assertThat(out.toString().strip()).isEqualTo("job.queued job.completed");
    }

    @Test
    void aScriptPausesResumesAndAwaitsAJob() throws Exception {
        run("control.mjs", """
                const run = await causa.actions.run('test.steps', { count: 80, pause_ms: 25 });
                const job = run.jobs[0];
                const paused = await job.pause();
                const stateWhilePaused = job.state;
                const finished = job.done;
                const resumed = await job.resume();
                const same = causa.jobs.get(job.id).done;  // a second object of the same job waits as well
                const [last] = await Promise.all([finished, same]);
                console.log(paused, stateWhilePaused, resumed, last.state,
                    causa.jobs.get(job.id).state);
                """, Duration.ofSeconds(30));
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString().strip()).isEqualTo("paused paused running completed completed");
    }

    @Test
    void timersRunInOrderAndAClearedTimerNeverRuns() throws Exception {
        run("timers.js", """
                const order = [];
                const cleared = setTimeout(() => console.log('cleared'), 2000);
                setTimeout((a, b) => {
                  order.push(a + b);
                  clearTimeout(cleared);
                  setTimeout(() => { order.push('late'); console.log(order.join(',')); }, 20);
                }, 0, 'ear', 'ly');
                """, Duration.ofSeconds(30));
        assertThat(out.toString().strip()).isEqualTo("early,late");
    }

    @Test
    void aScriptAwaitingWhatCanNeverHappenIsReportedNotHung() {
        assertThatThrownBy(() -> run("stall.mjs", "await new Promise(() => {});", Duration.ofSeconds(30)))
                .isInstanceOf(ScriptError.class).hasMessageContaining("can never happen");
    }

    @Test
    void aRunawayLoopIsStoppedAtTheTimeLimit() {
        assertThatThrownBy(() -> run("spin.js", "while (true) {}", Duration.ofMillis(500)))
                .isInstanceOf(ScriptError.class)
                .satisfies(e -> assertThat(((ScriptError) e).reason()).isEqualTo(ScriptError.Reason.TIMEOUT));
    }

    @Test
    void evaluateAwaitsAndPrintsJson() {
        String value = new ScriptRunner(causa).evaluate(
                "const run = await causa.actions.run('test.steps', {count: 1, pause_ms: 1}); "
                        + "return (await run.done).status;", "cli:test", Duration.ofSeconds(30), output());
        assertThat(value).isEqualTo("completed");
        assertThat(new ScriptRunner(causa).evaluate("({a: [1, 2]})", "cli:test", Duration.ofSeconds(30), output()))
                .isEqualToIgnoringWhitespace("{\"a\": [1, 2]}");
    }

    @Test
    void interruptingTheScriptThreadStopsABusyLoopAsCtrlCInTheReplDoes() throws Exception {
        Path file = scripts.resolve("busy.js");
        Files.writeString(file, "console.log('spinning'); while (true) {}\n");
        var failure = new java.util.concurrent.CompletableFuture<Throwable>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                new ScriptRunner(causa).runFile(file, List.of(), Duration.ofMinutes(5), output());
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!out.toString().contains("spinning") && System.nanoTime() < deadline) Thread.sleep(20);
        runner.interrupt(); // the script is in its busy loop now

        Throwable stopped = failure.get(20, java.util.concurrent.TimeUnit.SECONDS);
        org.assertj.core.api.Assertions.assertThat(stopped).isInstanceOf(ScriptError.class)
                .hasMessage("busy.js: script stopped: interrupted; jobs it started are not stopped");
    }
}
