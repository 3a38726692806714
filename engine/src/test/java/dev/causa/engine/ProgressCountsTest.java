package dev.causa.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.api.ActionContext;
import dev.causa.api.Job;
import dev.causa.api.JobContext;
import dev.causa.api.Progress;
import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.event.ProgressView;
import dev.causa.engine.job.LiveJob;
import dev.causa.engine.model.JobRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counts reported with {@link JobContext#progress(long, long)} are the job's progress everywhere a full report is:
 * {@code progressOf}, progress events and the stored record, worded with the phase of the last full report.
 */
class ProgressCountsTest {

    /**
     * Reports a full report in {@code phase} (none if null), then counts only, up to {@code total}; holds at
     * {@code holdAt} until the test lets it go.
     */
    public static final class Counter implements Job<Counter.Payload> {
        public record Payload(String name, String phase, long total, long holdAt) {
        }

        static final Map<String, Semaphore> HELD = new ConcurrentHashMap<>();
        static final Map<String, Semaphore> GO = new ConcurrentHashMap<>();

        static Semaphore held(String id) {
            return HELD.computeIfAbsent(id, k -> new Semaphore(0));
        }

        static Semaphore go(String id) {
            return GO.computeIfAbsent(id, k -> new Semaphore(0));
        }

        @Override
        public String type() {
            return "counter";
        }

        @Override
        public Class<Payload> payloadType() {
            return Payload.class;
        }

        @Override
        public String title(Payload payload, ActionContext action) {
            return payload.name() + " scan";
        }

        @Override
        public void run(Payload payload, JobContext ctx) throws Exception {
            if (payload.phase() != null) ctx.progress(Progress.of(payload.phase(), 0, payload.total()));
            for (long i = 1; i <= payload.total(); i++) {
                ctx.progress(i, payload.total());
                if (i == payload.holdAt()) {
                    held(ctx.jobId()).release();
                    go(ctx.jobId()).acquire();
                }
            }
        }
    }

    /** Full reports whose path changes, then counts: the path of the last full report stays. */
    public static final class Copier implements Job<Copier.Payload> {
        public record Payload(String note) {
        }

        @Override
        public String type() {
            return "copier";
        }

        @Override
        public Class<Payload> payloadType() {
            return Payload.class;
        }

        @Override
        public void run(Payload payload, JobContext ctx) {
            ctx.progress(Progress.of("Copying", 1, 3).withCurrentPath("/a"));
            ctx.progress(Progress.of("Copying", 2, 3).withCurrentPath("/b").withBytes(20, 30));
            ctx.progress(3, 3);
        }
    }

    @TempDir
    Path home;
    Causa causa;
    List<CausaEvent> events;

    @BeforeEach
    void open() {
        causa = Causa.open(new Causa.Options(home, List.of(), 2, List.of(new Counter(), new Copier())));
        events = new CopyOnWriteArrayList<>();
        causa.events().subscribe(events::add);
        causa.startWorkers();
    }

    @AfterEach
    void close() {
        causa.close();
    }

    @Test
    void countsShowUpInProgressOfEventsAndTheStoredRecordUnderThePhaseOfTheLastFullReport() throws Exception {
        LiveJob job = causa.dispatch("counter", "{\"name\":\"Documents\",\"phase\":\"Processing\",\"total\":300,"
                + "\"hold_at\":100}");
        assertThat(Counter.held(job.id()).tryAcquire(30, TimeUnit.SECONDS)).isTrue();

        Optional<ProgressView> now = causa.jobManager().progressOf(job.id());
        assertThat(now).isPresent();
        assertThat(now.get().message()).isEqualTo("Processing Documents scan (100/300)");
        assertThat(now.get().progress().completed()).isEqualTo(100);
        assertThat(now.get().progress().total()).isEqualTo(300);
        assertThat(now.get().progress().phase()).isEqualTo("Processing");

        // the tick publishes the held job's counts (every 100 ms)
        JsonNode held = awaitProgressEvent(job.id(), 100);
        assertThat(held.path("message").asText()).isEqualTo("Processing Documents scan (100/300)");
        assertThat(held.path("metadata").path("phase").asText()).isEqualTo("Processing");
        assertThat(held.path("metadata").path("total").asLong()).isEqualTo(300);
        assertThat(held.path("progress").asDouble()).isEqualTo(0.3333);

        Counter.go(job.id()).release();
        JobRecord done = job.finished().get(30, TimeUnit.SECONDS);
        assertThat(done.message).isEqualTo("Processing Documents scan (300/300)");
        assertThat(done.progress.phase()).isEqualTo("Processing");
        assertThat(done.progress.completed()).isEqualTo(300);
        assertThat(done.progress.total()).isEqualTo(300);

        JobRecord stored = causa.job(job.id());
        assertThat(stored.message).isEqualTo("Processing Documents scan (300/300)");
        assertThat(stored.progress.completed()).isEqualTo(300);
        assertThat(stored.progress.phase()).isEqualTo("Processing");

        causa.events().delivered().get(30, TimeUnit.SECONDS);
        JsonNode last = lastProgressEvent(job.id());
        assertThat(last.path("metadata").path("completed").asLong()).isEqualTo(300);
        assertThat(last.path("message").asText()).isEqualTo("Processing Documents scan (300/300)");
    }

    @Test
    void countsWithoutAFullReportReadWithoutAPhase() throws Exception {
        LiveJob job = causa.dispatch("counter", "{\"name\":\"Photos\",\"total\":5,\"hold_at\":3}");
        assertThat(Counter.held(job.id()).tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        assertThat(causa.jobManager().progressOf(job.id()).orElseThrow().message()).isEqualTo("Photos scan (3/5)");
        Counter.go(job.id()).release();
        JobRecord done = job.finished().get(30, TimeUnit.SECONDS);
        assertThat(done.message).isEqualTo("Photos scan (5/5)");
        assertThat(causa.job(job.id()).progress.completed()).isEqualTo(5);
    }

    @Test
    void aFullReportThatChangesMoreThanItsCountsIsKeptAndCountsKeepIt() throws Exception {
        LiveJob job = causa.dispatch("copier", "{}");
        JobRecord done = job.finished().get(30, TimeUnit.SECONDS);
        assertThat(done.progress).isEqualTo(new Progress("Copying", null, 3, 3, 20, 30, "/b", 0, 0));
        assertThat(done.message).isEqualTo("Copying copier (3/3)");
        causa.events().delivered().get(30, TimeUnit.SECONDS);
        JsonNode last = lastProgressEvent(job.id());
        assertThat(last.path("metadata").path("current_path").asText()).isEqualTo("/b");
        assertThat(last.path("metadata").path("bytes_completed").asLong()).isEqualTo(20);
        assertThat(last.path("metadata").path("completed").asLong()).isEqualTo(3);
    }

    private JsonNode awaitProgressEvent(String jobId, long completed) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (CausaEvent e : events) {
                if (e.name().equals("job.progress") && jobId.equals(e.jobId())
                        && e.json().path("metadata").path("completed").asLong() == completed) {
                    return e.json();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no progress event with completed=" + completed + " in " + events);
    }

    private JsonNode lastProgressEvent(String jobId) {
        return events.stream().filter(e -> e.name().equals("job.progress") && jobId.equals(e.jobId()))
                .reduce((a, b) -> b).orElseThrow().json();
    }
}
