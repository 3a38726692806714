package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.ActionQuery;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;

import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.engine.model.JobState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The store answers every query as a plain map of records would, wherever each record is: in MapDB, in the frozen
 * overlay a checkpoint is applying, in the current overlay, or in several of them at different states; and after
 * closing and opening the file again. Random sequences of creations, state changes, checkpoints (some held open
 * while more changes arrive) and reopenings, checked against a model after every step.
 */
class StoreLayersProperties {

    private static final String[] TYPES = {"files.copy", "indexing.scan", "locations.add"};

    /** One step: kind and two numbers that pick what it applies to. */
    record Op(Kind kind, int a, int b) {
    }

    enum Kind { CREATE, MOVE, RUN_ACTION, CLOSE_ACTION, CHECKPOINT, HOLD_CHECKPOINT, RELEASE_CHECKPOINT, REOPEN }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Kind.CREATE)),
                net.jqwik.api.Tuple.of(8, Arbitraries.just(Kind.MOVE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.RUN_ACTION)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.CLOSE_ACTION)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.CHECKPOINT)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.HOLD_CHECKPOINT)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.RELEASE_CHECKPOINT)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.REOPEN)));
        Arbitrary<Op> op = net.jqwik.api.Combinators.combine(kinds, Arbitraries.integers().between(0, 1_000),
                Arbitraries.integers().between(0, 1_000)).as(Op::new);
        return op.list().ofMinSize(5).ofMaxSize(60);
    }

    @Property(tries = 40)
    void everyQueryAgreesWithAModelWhereverTheRecordsAre(@ForAll("ops") List<Op> ops) throws Exception {
        Path dir = Files.createTempDirectory("causa-layers");
        Path file = dir.resolve("causa.db");
        Map<String, JobRecord> model = new LinkedHashMap<>();
        Map<String, ActionRecord> runs = new LinkedHashMap<>();
        MapDbRecords store = MapDbRecords.open(file);
        CountDownLatch held = null;
        CompletableFuture<Void> heldCheckpoint = null;
        try {
            for (Op op : ops) {
                switch (op.kind()) {
                    case CREATE -> {
                        // as the engine makes them: an action run with the jobs it dispatched, a child spawned
                        // by a job (same action), or a plain job
                        List<JobRecord> parents = List.copyOf(model.values());
                        int shape = op.b() % 3;
                        if (shape == 1 && parents.isEmpty()) shape = 0;
                        String actionId = shape == 0 ? Ids.next() : null;
                        JobRecord job = new JobRecord();
                        job.id = Ids.next();
                        job.jobType = "t";
                        job.actionType = op.a() % 4 == 3 ? null : TYPES[op.a() % 3];
                        if (shape == 1) {
                            JobRecord parent = parents.get(op.a() % parents.size());
                            job.parentJobId = parent.id;
                            job.actionId = parent.actionId;
                            job.actionType = parent.actionType;
                        } else {
                            job.actionId = actionId;
                        }
                        job.transition(JobState.QUEUED, "dispatched", Instant.now());
                        model.put(job.id, job);
                        if (shape == 0) {
                            ActionRecord run = new ActionRecord();
                            run.id = actionId;
                            run.actionType = job.actionType == null ? TYPES[0] : job.actionType;
                            run.initiatedAt = Instant.now();
                            run.status = ActionRecord.Status.RUNNING;
                            run.jobIds = List.of(job.id);
                            runs.put(run.id, run);
                            store.insert(run, List.of(job)).get(10, TimeUnit.SECONDS);
                        } else {
                            store.insert(List.of(job)).get(10, TimeUnit.SECONDS);
                        }
                    }
                    case MOVE -> {
                        if (model.isEmpty()) continue;
                        JobRecord job = List.copyOf(model.values()).get(op.a() % model.size());
                        List<JobState> next = Arrays.stream(JobState.values()).filter(job.state::canMoveTo).toList();
                        if (next.isEmpty()) continue;
                        synchronized (job) {
                            job.transition(next.get(op.b() % next.size()), "moved", Instant.now());
                        }
                        store.update(job).get(10, TimeUnit.SECONDS);
                    }
                    case RUN_ACTION -> {
                        ActionRecord run = new ActionRecord();
                        run.id = Ids.next();
                        run.actionType = TYPES[op.a() % 3];
                        run.initiatedAt = Instant.now();
                        run.status = ActionRecord.Status.RUNNING;
                        runs.put(run.id, run);
                        store.insert(run, List.of()).get(10, TimeUnit.SECONDS);
                    }
                    case CLOSE_ACTION -> {
                        if (runs.isEmpty()) continue;
                        ActionRecord run = List.copyOf(runs.values()).get(op.a() % runs.size());
                        // read back as a restarted process would, or the record at hand
                        ActionRecord closing = op.b() % 2 == 0 ? store.action(run.id).orElseThrow() : run;
                        closing.status = ActionRecord.Status.COMPLETED;
                        run.status = closing.status;
                        store.update(closing).get(10, TimeUnit.SECONDS);
                    }
                    case CHECKPOINT -> {
                        if (held == null) store.checkpointNow().get(10, TimeUnit.SECONDS);
                    }
                    case HOLD_CHECKPOINT -> {
                        if (held != null || model.isEmpty()) continue;
                        CountDownLatch latch = new CountDownLatch(1);
                        held = latch;
                        store.checkpointer().beforeCheckpoint = () -> await(latch);
                        heldCheckpoint = store.checkpointNow();
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                        while (!store.checkpointer().running() && !heldCheckpoint.isDone() && System.nanoTime() < deadline) {
                            Thread.onSpinWait();
                        }
                    }
                    case RELEASE_CHECKPOINT -> {
                        if (held == null) continue;
                        held.countDown();
                        heldCheckpoint.get(10, TimeUnit.SECONDS);
                        held = null;
                    }
                    case REOPEN -> {
                        if (held != null) {
                            held.countDown();
                            held = null;
                        }
                        store.close();
                        store = MapDbRecords.open(file);
                    }
                }
                agree(store, model, runs.keySet());
                agreeOnRuns(store, runs);
            }
        } finally {
            if (held != null) held.countDown();
            store.close();
            deleteAll(dir);
        }
    }

    private static void agree(MapDbRecords store, Map<String, JobRecord> model, java.util.Set<String> actions) {
        List<JobRecord> newest = model.values().stream().sorted(Comparator.comparing((JobRecord j) -> j.id).reversed())
                .toList();
        assertThat(ids(store.jobs(JobQuery.all(0)).items())).isEqualTo(ids(newest));
        assertThat(ids(store.jobs(JobQuery.all(3)).items())).isEqualTo(ids(newest.stream().limit(3).toList()));
        assertThat(ids(store.jobsByFullScan(JobQuery.all(0)))).isEqualTo(ids(newest));
        for (String type : TYPES) {
            assertThat(ids(store.jobs(new JobQuery(type, null, null, null, 0)).items())).as("type " + type)
                    .isEqualTo(ids(newest.stream().filter(j -> type.equals(j.actionType)).toList()));
        }
        for (String action : actions) {
            assertThat(ids(store.jobs(JobQuery.ofAction(action)).items())).as("action " + action)
                    .isEqualTo(ids(newest.stream().filter(j -> action.equals(j.actionId)).toList()));
        }
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            List<JobRecord> expected = newest.stream().filter(j -> j.state == state).toList();
            assertThat(ids(store.jobs(JobQuery.inState(state)).items())).as("state " + state).isEqualTo(ids(expected));
            if (!expected.isEmpty()) counts.put(state, (long) expected.size());
        }
        Map<JobState, Long> stored = new EnumMap<>(store.countByState());
        stored.values().removeIf(n -> n == 0);
        assertThat(stored).isEqualTo(counts);
        for (JobRecord job : newest) {
            assertThat(store.job(job.id)).as(job.id).hasValueSatisfying(j -> {
                assertThat(j.state).isEqualTo(job.state);
                assertThat(j.history).hasSameSizeAs(job.history);
            });
            if (job.parentJobId != null) {
                assertThat(ids(store.jobs(new JobQuery(null, null, null, job.parentJobId, 0)).items())).contains(job.id);
            }
        }
        if (!newest.isEmpty()) {
            String id = newest.get(newest.size() / 2).id;
            assertThat(store.jobIdsMatching(id, 10)).containsExactly(id);
            assertThat(store.jobIdsMatching(id.substring(7), 10)).contains(id);
            assertThat(store.jobIdsMatching(id.substring(0, 4), 10_000))
                    .isEqualTo(newest.stream().map(j -> j.id).filter(i -> i.startsWith(id.substring(0, 4))).toList());
        }
    }

    private static void agreeOnRuns(MapDbRecords store, Map<String, ActionRecord> runs) {
        List<ActionRecord> newest = runs.values().stream()
                .sorted(Comparator.comparing((ActionRecord a) -> a.id).reversed()).toList();
        assertThat(store.actions(ActionQuery.ofType(null, 0)).items()).extracting(a -> a.id).isEqualTo(newest.stream().map(a -> a.id).toList());
        for (String type : TYPES) {
            assertThat(store.actions(ActionQuery.ofType(type, 0)).items()).as("runs of " + type).extracting(a -> a.id + ":" + a.status)
                    .isEqualTo(newest.stream().filter(a -> type.equals(a.actionType)).map(a -> a.id + ":" + a.status)
                            .toList());
        }
        if (!newest.isEmpty()) {
            String id = newest.getFirst().id;
            assertThat(store.actionIdsStartingWith(id, 5)).containsExactly(id);
        }
    }

    private static List<String> ids(List<JobRecord> jobs) {
        return jobs.stream().map(j -> j.id).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
