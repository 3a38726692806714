package dev.causa.engine.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.api.ActionContext;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.model.StateChange;
import dev.causa.engine.store.ActionQuery;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.store.Page;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The record store answers like a plain in-memory map of records, on every backend (DESIGN §10): random sequences
 * of what the engine does through the SPI (an action run with its jobs, a child job, a legal state change, an action
 * run's new status, closing and opening the store again), checked against a model after every step. Reads give the
 * latest acknowledged record; every listing filter gives exactly the model's matching ids newest first, also when
 * paged by cursor; the counts by state agree. A subclass says how to open its backend, as for {@link StoreContract}.
 */
public abstract class RecordStoreProperties {

    private static final String[] TYPES = {"files.copy", "indexing.scan", "locations.add"};
    private static final String[] INITIATORS = {"cli:alice", "script:nightly.mjs"};
    private static final int PAGE = 3;
    private static final long ACK_SECONDS = 10;

    /** Opens the backend on {@code dir}: the same store again when called again after a close. */
    protected abstract Store open(Path dir);

    // ---- the steps -----------------------------------------------------------------------------------------------

    enum Kind { INSERT_RUN, INSERT_CHILD, MOVE_JOB, SET_ACTION_STATUS, REOPEN }

    /** One step: its kind and three numbers that pick what it applies to and how. */
    record Op(Kind kind, int a, int b, int c) {
        @Override
        public String toString() {
            return switch (kind) {
                case INSERT_RUN -> "insertRun(type=" + TYPES[a % TYPES.length] + ", by="
                        + INITIATORS[b % INITIATORS.length] + ", jobs=" + (1 + c % 3) + ")";
                case INSERT_CHILD -> "insertChild(parent#" + a + ")";
                case MOVE_JOB -> "moveJob(job#" + a + ", next#" + b + (c % 2 == 0 ? ", held" : ", readBack") + ")";
                case SET_ACTION_STATUS -> "setActionStatus(action#" + a + ", status#" + b
                        + (c % 2 == 0 ? ", held" : ", readBack") + ")";
                case REOPEN -> "reopen";
            };
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(Kind.INSERT_RUN)),
                Tuple.of(3, Arbitraries.just(Kind.INSERT_CHILD)),
                Tuple.of(8, Arbitraries.just(Kind.MOVE_JOB)),
                Tuple.of(2, Arbitraries.just(Kind.SET_ACTION_STATUS)),
                Tuple.of(1, Arbitraries.just(Kind.REOPEN)));
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1_000);
        return Combinators.combine(kinds, pick, pick, pick).as(Op::new).list().ofMinSize(5).ofMaxSize(60);
    }

    // ---- the model: what was acknowledged, as values -------------------------------------------------------------

    /** The fields of a job the store must give back as written. */
    record JobView(String id, String jobType, JobState state, List<StateChange> history, int priority,
                   Instant createdAt, Instant startedAt, Instant finishedAt, String parentJobId, String actionId,
                   String actionType, ActionContext actionContext, String message) {
        static JobView of(JobRecord j) {
            return new JobView(j.id, j.jobType, j.state, List.copyOf(j.history), j.priority, j.createdAt,
                    j.startedAt, j.finishedAt, j.parentJobId, j.actionId, j.actionType, j.actionContext, j.message);
        }

        String initiatedBy() {
            return actionContext == null ? null : actionContext.initiatedBy();
        }
    }

    /** The fields of an action run the store must give back as written. */
    record ActionView(String id, String actionType, Instant initiatedAt, String initiatedBy,
                      Map<String, Object> context, ActionRecord.Status status, List<String> jobIds, String error,
                      Instant finishedAt) {
        static ActionView of(ActionRecord a) {
            return new ActionView(a.id, a.actionType, a.initiatedAt, a.initiatedBy, a.context, a.status,
                    List.copyOf(a.jobIds), a.error, a.finishedAt);
        }
    }

    /** The model, and the records the test holds (as the engine holds its live jobs). */
    private static final class Model {
        final Map<String, JobView> jobs = new LinkedHashMap<>();
        final Map<String, ActionView> actions = new LinkedHashMap<>();
        final Map<String, JobRecord> heldJobs = new LinkedHashMap<>();
        final Map<String, ActionRecord> heldActions = new LinkedHashMap<>();

        List<JobView> jobsNewestFirst(Predicate<JobView> filter) {
            return jobs.values().stream().filter(filter).sorted(Comparator.comparing(JobView::id).reversed())
                    .toList();
        }

        List<ActionView> actionsNewestFirst(Predicate<ActionView> filter) {
            return actions.values().stream().filter(filter)
                    .sorted(Comparator.comparing(ActionView::id).reversed()).toList();
        }
    }

    // ---- the property --------------------------------------------------------------------------------------------

    @Property(tries = 30)
    void theRecordStoreAgreesWithAModelAfterEveryStep(@ForAll("ops") List<Op> ops) throws Exception {
        Path dir = Files.createTempDirectory("causa-records");
        Model model = new Model();
        Store store = open(dir);
        try {
            int step = 0;
            for (Op op : ops) {
                step++;
                store = apply(op, store, dir, model);
                agree(store.records(), model, "after step " + step + " " + op);
            }
        } finally {
            store.close();
            deleteAll(dir);
        }
    }

    private Store apply(Op op, Store store, Path dir, Model model) throws Exception {
        RecordStore records = store.records();
        switch (op.kind()) {
            case INSERT_RUN -> {
                ActionRecord action = new ActionRecord();
                action.id = Ids.next();
                action.actionType = TYPES[op.a() % TYPES.length];
                action.initiatedAt = now();
                action.initiatedBy = INITIATORS[op.b() % INITIATORS.length];
                action.context = Map.of("k", "v");
                action.status = ActionRecord.Status.RUNNING;
                ActionContext context = new ActionContext(action.actionType, action.initiatedAt, action.initiatedBy,
                        Map.of(), Map.of("k", "v"));
                List<JobRecord> jobs = new ArrayList<>();
                for (int i = 0; i <= op.c() % 3; i++) {
                    JobRecord job = newJob(action.id, action.actionType, context, null);
                    jobs.add(job);
                    action.jobIds.add(job.id);
                }
                records.insert(action, jobs).get(ACK_SECONDS, TimeUnit.SECONDS);
                model.actions.put(action.id, ActionView.of(action));
                model.heldActions.put(action.id, action);
                for (JobRecord job : jobs) held(model, job);
            }
            case INSERT_CHILD -> {
                if (model.jobs.isEmpty()) return store;
                JobRecord parent = nth(model.heldJobs, op.a());
                // as the engine spawns one: the parent's action link, the parent's id
                JobRecord child = newJob(parent.actionId, parent.actionType, parent.actionContext, parent.id);
                records.insert(List.of(child)).get(ACK_SECONDS, TimeUnit.SECONDS);
                held(model, child);
            }
            case MOVE_JOB -> {
                if (model.jobs.isEmpty()) return store;
                String id = nth(model.heldJobs, op.a()).id;
                // the record at hand, or read back as a restarted process would have it
                JobRecord job = op.c() % 2 == 0 ? model.heldJobs.get(id) : records.job(id).orElseThrow();
                List<JobState> next = Arrays.stream(JobState.values()).filter(job.state::canMoveTo).toList();
                if (next.isEmpty()) return store;
                JobState to = next.get(op.b() % next.size());
                job.transition(to, "moved to " + to.label(), now());
                job.message = "now " + to.label();
                records.update(job).get(ACK_SECONDS, TimeUnit.SECONDS);
                held(model, job);
            }
            case SET_ACTION_STATUS -> {
                if (model.actions.isEmpty()) return store;
                String id = nth(model.heldActions, op.a()).id;
                ActionRecord action = op.c() % 2 == 0 ? model.heldActions.get(id) : records.action(id).orElseThrow();
                ActionRecord.Status status = ActionRecord.Status.values()[op.b() % ActionRecord.Status.values().length];
                action.status = status;
                action.finishedAt = status == ActionRecord.Status.RUNNING ? null : now();
                action.error = status == ActionRecord.Status.FAILED ? "failed at " + action.finishedAt : null;
                records.update(action).get(ACK_SECONDS, TimeUnit.SECONDS);
                model.actions.put(action.id, ActionView.of(action));
                model.heldActions.put(action.id, action);
            }
            case REOPEN -> {
                store.close();
                return open(dir);
            }
        }
        return store;
    }

    private static JobRecord newJob(String actionId, String actionType, ActionContext context, String parentId) {
        JobRecord job = new JobRecord();
        job.id = Ids.next();
        job.jobType = "work";
        job.createdAt = now();
        job.actionId = actionId;
        job.actionType = actionType;
        job.actionContext = context;
        job.parentJobId = parentId;
        job.transition(JobState.QUEUED, parentId == null ? "dispatched" : "spawned by " + parentId, job.createdAt);
        return job;
    }

    private static void held(Model model, JobRecord job) {
        model.jobs.put(job.id, JobView.of(job));
        model.heldJobs.put(job.id, job);
    }

    private static <T> T nth(Map<String, T> records, int pick) {
        return records.values().stream().skip(pick % records.size()).findFirst().orElseThrow();
    }

    /** Whole milliseconds: what every backend keeps of an instant. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- the checks ----------------------------------------------------------------------------------------------

    private static void agree(RecordStore records, Model model, String when) {
        for (JobView job : model.jobs.values()) {
            assertThat(records.job(job.id()).map(JobView::of)).as("job(%s) %s", job.id(), when).contains(job);
        }
        for (ActionView action : model.actions.values()) {
            assertThat(records.action(action.id()).map(ActionView::of)).as("action(%s) %s", action.id(), when)
                    .contains(action);
        }

        // every filter on its own, and none
        Map<String, JobQuery> queries = new LinkedHashMap<>();
        queries.put("all", JobQuery.all(0));
        for (String type : TYPES) queries.put("type " + type, new JobQuery(type, null, null, null, 0));
        for (JobState state : JobState.values()) queries.put("state " + state, JobQuery.inState(state));
        for (String action : model.actions.keySet()) queries.put("action " + action, JobQuery.ofAction(action));
        Set<String> parents = new LinkedHashSet<>();
        model.jobs.values().stream().map(JobView::parentJobId).filter(p -> p != null).forEach(parents::add);
        if (!model.jobs.isEmpty()) parents.add(model.jobsNewestFirst(j -> true).getFirst().id()); // maybe childless
        for (String parent : parents) queries.put("parent " + parent, new JobQuery(null, null, null, parent, 0));
        for (String by : INITIATORS) {
            queries.put("initiator " + by, new JobQuery(null, null, null, null, by, null, 0));
        }
        queries.put("type " + TYPES[0] + " and state " + JobState.QUEUED,
                new JobQuery(TYPES[0], JobState.QUEUED, null, null, 0));
        for (Map.Entry<String, JobQuery> e : queries.entrySet()) {
            JobQuery q = e.getValue();
            List<String> expected = ids(model.jobsNewestFirst(j -> matches(q, j)), JobView::id);
            String what = "jobs(" + e.getKey() + ") " + when;
            Page<JobRecord> whole = records.jobs(q);
            assertThat(ids(whole.items(), r -> r.id)).as(what).isEqualTo(expected);
            assertThat(whole.next()).as("next of the unlimited " + what).isNull();
            assertThat(pagedJobs(records, withLimit(q, PAGE), expected.size(), what)).as("paged " + what)
                    .isEqualTo(expected);
        }

        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobView job : model.jobs.values()) counts.merge(job.state(), 1L, Long::sum);
        Map<JobState, Long> stored = new EnumMap<>(JobState.class);
        stored.putAll(records.countByState());
        stored.values().removeIf(n -> n == 0);
        assertThat(stored).as("countByState " + when).isEqualTo(counts);

        Map<String, ActionQuery> actionQueries = new LinkedHashMap<>();
        actionQueries.put("all", new ActionQuery(null, null, null, 0));
        for (String type : TYPES) actionQueries.put("type " + type, new ActionQuery(type, null, null, 0));
        for (String by : INITIATORS) actionQueries.put("initiator " + by, new ActionQuery(null, by, null, 0));
        for (Map.Entry<String, ActionQuery> e : actionQueries.entrySet()) {
            ActionQuery q = e.getValue();
            List<String> expected = model.actionsNewestFirst(a -> matches(q, a)).stream()
                    .map(a -> a.id() + ":" + a.status()).toList();
            String what = "actions(" + e.getKey() + ") " + when;
            Page<ActionRecord> whole = records.actions(q);
            assertThat(ids(whole.items(), a -> a.id + ":" + a.status)).as(what).isEqualTo(expected);
            assertThat(whole.next()).as("next of the unlimited " + what).isNull();
            assertThat(pagedActions(records, new ActionQuery(q.actionType(), q.initiatedBy(), null, PAGE),
                    expected.size(), what)).as("paged " + what).isEqualTo(expected);
        }
    }

    /** The model's own reading of a job filter (not {@link JobQuery#matches}: the model must not share code). */
    private static boolean matches(JobQuery q, JobView j) {
        return (q.actionType() == null || q.actionType().equals(j.actionType()))
                && (q.state() == null || q.state() == j.state())
                && (q.actionId() == null || q.actionId().equals(j.actionId()))
                && (q.parentJobId() == null || q.parentJobId().equals(j.parentJobId()))
                && (q.initiatedBy() == null || q.initiatedBy().equals(j.initiatedBy()));
    }

    private static boolean matches(ActionQuery q, ActionView a) {
        return (q.actionType() == null || q.actionType().equals(a.actionType()))
                && (q.initiatedBy() == null || q.initiatedBy().equals(a.initiatedBy()));
    }

    private static JobQuery withLimit(JobQuery q, int limit) {
        return new JobQuery(q.actionType(), q.state(), q.actionId(), q.parentJobId(), q.initiatedBy(), null, limit);
    }

    /** Follows the cursors to the end; each page holds at most the limit, and only the last may be empty. */
    private static List<String> pagedJobs(RecordStore records, JobQuery first, int expected, String what) {
        List<String> seen = new ArrayList<>();
        JobQuery q = first;
        for (int pages = 1; ; pages++) {
            Page<JobRecord> page = records.jobs(q);
            assertThat(page.items().size()).as("page %d of %s", pages, what).isLessThanOrEqualTo(first.limit());
            if (page.items().isEmpty()) assertThat(page.next()).as("cursor after an empty page of " + what).isNull();
            seen.addAll(ids(page.items(), r -> r.id));
            if (page.next() == null) return seen;
            assertThat(pages).as("pages of " + what + " (endless?)").isLessThanOrEqualTo(expected + 1);
            q = q.withCursor(page.next());
        }
    }

    private static List<String> pagedActions(RecordStore records, ActionQuery first, int expected, String what) {
        List<String> seen = new ArrayList<>();
        ActionQuery q = first;
        for (int pages = 1; ; pages++) {
            Page<ActionRecord> page = records.actions(q);
            assertThat(page.items().size()).as("page %d of %s", pages, what).isLessThanOrEqualTo(first.limit());
            if (page.items().isEmpty()) assertThat(page.next()).as("cursor after an empty page of " + what).isNull();
            seen.addAll(ids(page.items(), a -> a.id + ":" + a.status));
            if (page.next() == null) return seen;
            assertThat(pages).as("pages of " + what + " (endless?)").isLessThanOrEqualTo(expected + 1);
            q = new ActionQuery(q.actionType(), q.initiatedBy(), page.next(), q.limit());
        }
    }

    private static <T> List<String> ids(List<T> items, Function<T, String> id) {
        return items.stream().map(id).toList();
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
