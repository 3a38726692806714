package dev.causa.plugins.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.api.ActionContext;
import dev.causa.api.JobContext;
import dev.causa.api.Progress;
import dev.causa.engine.Causa;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint and resume of the indexer, on the real engine (real MapDB store, real workers) with the indexer's
 * extensions embedded: an index paused midway and resumed, or stopped by an exit and picked up by the next start,
 * equals the index of an uninterrupted run, and the resumed run starts at the checkpoint, not at the beginning.
 */
class IndexJobResumeTest {

    private static final int FILES = 300;

    @TempDir
    static Path tmp;
    private static Path tree;

    @BeforeAll
    static void tree() throws IOException {
        System.setProperty("causa.indexer.batch", "20");
        tree = tmp.resolve("Documents");
        for (int i = 0; i < FILES; i++) {
            Path f = tree.resolve("d" + (i % 7)).resolve("f" + i + (i % 3 == 0 ? ".txt" : ".bin"));
            Files.createDirectories(f.getParent());
            Files.writeString(f, i % 5 == 0 ? "duplicate" : "content " + i);
        }
    }

    /**
     * The indexer, whose job does something once it has written {@code after} checkpoints: asks the engine to pause
     * it, or holds still until the engine, closing, asks it to stop.
     */
    static final class InterruptedIndexJob extends IndexJob {
        final AtomicReference<Causa> engine = new AtomicReference<>();
        final AtomicReference<CompletableFuture<JobState>> paused = new AtomicReference<>();
        final CompletableFuture<Void> holding = new CompletableFuture<>();
        final AtomicInteger checkpoints = new AtomicInteger();
        final int after;
        final boolean pause;

        InterruptedIndexJob(int after, boolean pause) {
            this.after = after;
            this.pause = pause;
        }

        @Override
        public void run(IndexPayload payload, JobContext ctx) throws Exception {
            super.run(payload, new Counting(ctx));
        }

        private final class Counting implements JobContext {
            private final JobContext ctx;

            Counting(JobContext ctx) {
                this.ctx = ctx;
            }

            @Override
            public void checkpoint(Object state) {
                ctx.checkpoint(state);
                if (checkpoints.incrementAndGet() != after) return;
                if (pause) {
                    paused.set(engine.get().pause(ctx.jobId()));
                    return;
                }
                holding.complete(null);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!ctx.stopRequested() && System.nanoTime() < deadline) Thread.onSpinWait();
            }

            @Override public String jobId() { return ctx.jobId(); }
            @Override public Optional<ActionContext> actionContext() { return ctx.actionContext(); }
            @Override public int attempt() { return ctx.attempt(); }
            @Override public void progress(Progress progress) { ctx.progress(progress); }
            @Override public <T> Optional<T> restore(Class<T> type) { return ctx.restore(type); }
            @Override public void pausePoint() { ctx.pausePoint(); }
            @Override public boolean stopRequested() { return ctx.stopRequested(); }
            @Override public String spawnChild(String jobType, Record payload, dev.causa.api.JobOptions o) { return ctx.spawnChild(jobType, payload, o); }
            @Override public void log(String line) { ctx.log(line); }
        }
    }

    private static Causa open(Path home, Object job) {
        List<Object> embedded = List.of(new AddLocationAction(), new IndexerContextProviders.AddLocation(), job);
        return Causa.open(new Causa.Options(home, List.of(), 2, embedded));
    }

    private static String input() {
        return "{\"path\":\"" + tree + "\",\"name\":\"Documents\",\"mode\":\"content\"}";
    }

    /** The location's index without what differs between runs: when it finished and which job wrote it. */
    private static JsonNode index(Path home) throws IOException {
        Path folder = home.resolve("plugin-data/embedded/index");
        try (var locations = Files.list(folder)) {
            Path part = locations.findFirst().orElseThrow().resolve("_root.json");
            ObjectNode json = (ObjectNode) IndexerData.JSON.readTree(part.toFile());
            json.remove(List.of("finished_at", "job_id", "location_id"));
            return json;
        }
    }

    private static JsonNode uninterruptedIndex;

    private static synchronized JsonNode uninterrupted() throws Exception {
        if (uninterruptedIndex != null) return uninterruptedIndex;
        Path home = tmp.resolve("plain");
        try (Causa causa = open(home, new IndexJob())) {
            causa.startWorkers();
            String action = causa.runAction("locations.add", input(), "test").actionId();
            causa.completion(action).get(20, TimeUnit.SECONDS);
        }
        uninterruptedIndex = index(home);
        return uninterruptedIndex;
    }

    @Test
    void pausedMidwayThenResumedGivesTheSameIndex() throws Exception {
        JsonNode expected = uninterrupted();
        assertThat(expected.get("files").asInt()).isEqualTo(FILES);

        Path home = tmp.resolve("paused");
        InterruptedIndexJob job = new InterruptedIndexJob(6, true); // the list, then 5 batches of 20 files
        try (Causa causa = open(home, job)) {
            job.engine.set(causa);
            causa.startWorkers();
            String action = causa.runAction("locations.add", input(), "test").actionId();
            String id = causa.jobs(JobQuery.ofAction(action)).getFirst().id;
            await(job.paused).get(20, TimeUnit.SECONDS);

            JobRecord stopped = causa.job(id);
            assertThat(stopped.state).isEqualTo(JobState.PAUSED);
            assertThat(stopped.checkpoint.get("next").asInt()).isEqualTo(100);
            assertThat(stopped.progress.phase()).isEqualTo("Processing");
            assertThat(stopped.message).isEqualTo("Processing Documents scan (100/300)");

            // As if a crash had come after the next batch was written but before its checkpoint was committed.
            Path entries = home.resolve("plugin-data/embedded/work/" + id + ".entries");
            Files.writeString(entries, "{\"path\":\"d0/half-written\",\"size\":1,\"sha256\":null}\n",
                    StandardOpenOption.APPEND);

            JobRecord done = causa.resume(id).get(20, TimeUnit.SECONDS);
            assertThat(done.state).isEqualTo(JobState.COMPLETED);
            assertThat(done.logs).anyMatch(line -> line.contains("continuing at file 100 of 300"));
            assertThat(done.message).isEqualTo("Indexed Documents scan: " + FILES + " files, "
                    + expected.get("bytes").asLong() + " bytes, 1 duplicate group(s)");
            assertThat(entries).doesNotExist();
        }
        assertThat(index(home)).isEqualTo(expected);
    }

    @Test
    void stoppedByAnExitThenPickedUpByTheNextStartGivesTheSameIndex() throws Exception {
        JsonNode expected = uninterrupted();
        Path home = tmp.resolve("exited");
        InterruptedIndexJob job = new InterruptedIndexJob(4, false);
        String id;
        try (Causa causa = open(home, job)) {
            causa.startWorkers();
            String action = causa.runAction("locations.add", input(), "test").actionId();
            id = causa.jobs(JobQuery.ofAction(action)).getFirst().id;
            job.holding.get(20, TimeUnit.SECONDS);
        } // closing the engine stops the job at its next pause point, as an exit does
        try (Causa causa = open(home, new IndexJob())) {
            JobRecord left = causa.job(id);
            assertThat(left.state).isEqualTo(JobState.PAUSED);
            assertThat(left.resumeOnStart).isTrue();
            causa.startWorkers();
            JobRecord done = causa.liveJob(id).orElseThrow().finished().get(20, TimeUnit.SECONDS);
            assertThat(done.state).isEqualTo(JobState.COMPLETED);
            assertThat(done.logs).anyMatch(line -> line.contains("continuing at file 60 of 300"));
            List<String> states = new ArrayList<>();
            done.history.forEach(h -> states.add(h.state().name()));
            assertThat(states).containsSubsequence("RUNNING", "PAUSED", "RUNNING", "COMPLETED");
        }
        assertThat(index(home)).isEqualTo(expected);
    }

    private static <T> CompletableFuture<T> await(AtomicReference<CompletableFuture<T>> ref) throws InterruptedException {
        for (int i = 0; i < 2000 && ref.get() == null; i++) Thread.sleep(10);
        assertThat(ref.get()).as("the job reached its pause checkpoint").isNotNull();
        return ref.get();
    }
}
