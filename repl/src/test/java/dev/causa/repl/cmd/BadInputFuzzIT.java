package dev.causa.repl.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.Causa;
import dev.causa.engine.model.CausaException;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.model.JobState;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Bad input, fuzzed: 10,000 generated inputs thrown at every action the distribution's plugins offer (found with
 * {@link Causa#actionTypes()}), through the path the command line takes ({@link Causa#runAction} with JSON text,
 * and {@link KeyValueInput} for key=value words). Every run must end in a one-line {@link CausaException} of kind
 * BAD_INPUT or NOT_FOUND, or in a stored action with its queued jobs; afterwards the store holds exactly the
 * successful runs and their jobs, before and after a reopen. The engine runs without workers: jobs stay queued,
 * so valid inputs touch no file.
 */
class BadInputFuzzIT {

    private static final int MAX_MESSAGE = 1_000;

    private static Path root;
    private static Path canaryFile;
    private static Causa causa;
    private static List<String> actionTypes;
    private static Map<String, JsonNode> schemas;
    private static FuzzInputs inputs;
    private static final AtomicLong runs = new AtomicLong();
    private static final AtomicLong stored = new AtomicLong();
    private static final AtomicLong storedJobs = new AtomicLong();
    private static final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private static final Map<String, String> misbehaved = new ConcurrentHashMap<>();

    /** A generated run: which action, with what text. */
    record Attempt(String actionType, String json) {
        @Override
        public String toString() {
            return actionType + " " + abbreviate(json);
        }
    }

    @BeforeContainer
    static void open() throws IOException {
        root = Files.createTempDirectory("causa-fuzz-");
        Path files = Files.createDirectories(root.resolve("files"));
        List<Path> existing = new ArrayList<>();
        for (String name : List.of("plain.txt", "with space.txt", "ünïcödé 日本.txt", "-leading-dash", "line\nbreak",
                ".hidden", "quote\"s'.txt", "back\\slash", "emoji 🙂.bin")) {
            existing.add(Files.writeString(files.resolve(name), name));
        }
        Path tree = Files.createDirectories(files.resolve("tree/inner"));
        Files.writeString(tree.resolve("leaf.txt"), "leaf");
        existing.add(files.resolve("tree"));
        canaryFile = existing.getFirst();
        inputs = new FuzzInputs(existing, root.resolve("scratch"));
        causa = openEngine();
        actionTypes = causa.actionTypes().stream().map(Causa.ActionInfo::type).sorted().toList();
        schemas = new LinkedHashMap<>();
        for (Causa.ActionInfo info : causa.actionTypes()) schemas.put(info.type(), info.inputSchema());
        assertThat(actionTypes).as("the distribution's actions").contains("files.copy", "files.move", "files.delete");
    }

    private static Causa openEngine() {
        Path dist = Path.of(System.getProperty("causa.dist", "target/causa")).toAbsolutePath();
        return Causa.open(new Causa.Options(root.resolve("home"), List.of(dist.resolve("plugins")), 1));
    }

    @AfterContainer
    static void close() throws IOException {
        if (causa != null) causa.close();
        System.out.println("bad-input fuzz: " + runs + " runs, " + stored + " stored actions with " + storedJobs
                + " jobs; outcomes " + outcomes);
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ---- properties: 5,000 + 2,500 + 1,000 + 1,500 = 10,000 runs -------------------------------------------------

    @Property(tries = 5_000, shrinking = ShrinkingMode.OFF)
    void inputsShapedLikeTheSchemaButWrong(@ForAll("shaped") Attempt attempt) {
        run(attempt);
    }

    @Property(tries = 2_500, shrinking = ShrinkingMode.OFF)
    void textThatIsNotAnObjectOrNotJson(@ForAll("raw") Attempt attempt) {
        run(attempt);
    }

    @Property(tries = 1_000, shrinking = ShrinkingMode.OFF)
    void validInputsNamingRealFilesCreateJobs(@ForAll("valid") Attempt attempt) {
        boolean storedIt = run(attempt);
        // the files actions' valid inputs are known exactly; other actions get a best guess from their schema
        if (attempt.actionType().startsWith("files.")) assertThat(storedIt).as("stored: " + attempt).isTrue();
    }

    @Property(tries = 1_500, shrinking = ShrinkingMode.OFF)
    void keyValueWordsAsTypedOnTheCommandLine(@ForAll("words") Map.Entry<String, List<String>> typed) {
        String json;
        try {
            runs.incrementAndGet();
            json = KeyValueInput.toJson(typed.getValue(), schemas.get(typed.getKey()));
        } catch (CausaException e) {
            judge(new Attempt(typed.getKey(), String.join(" ", typed.getValue())), e);
            return;
        } catch (RuntimeException e) {
            misbehaved.putIfAbsent(e.getClass().getName(), "key=value " + typed + " -> " + e);
            return;
        }
        runs.decrementAndGet(); // counted by run()
        run(new Attempt(typed.getKey(), json));
    }

    @Provide
    Arbitrary<Attempt> shaped() {
        return Arbitraries.of(actionTypes).flatMap(t -> inputs.shapedBy(schemas.get(t)).map(j -> new Attempt(t, j)));
    }

    @Provide
    Arbitrary<Attempt> raw() {
        Arbitrary<String> type = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.of(actionTypes)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", "files", "files.", "files.copy ", "FILES.COPY",
                        "nope.nope", "files.copy\n", "ü.ü")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(20)));
        return Combinators.combine(type, inputs.rawText()).as(Attempt::new);
    }

    @Provide
    Arbitrary<Attempt> valid() {
        return Arbitraries.of(actionTypes).flatMap(t -> inputs.valid(t, schemas.get(t)).map(j -> new Attempt(t, j)));
    }

    @Provide
    Arbitrary<Map.Entry<String, List<String>>> words() {
        return Arbitraries.of(actionTypes).flatMap(t -> inputs.words(schemas.get(t)).map(w -> Map.entry(t, w)));
    }

    // ---- the oracle ----------------------------------------------------------------------------------------------

    /** Runs one attempt and judges its outcome; true if an action was stored. */
    private static boolean run(Attempt attempt) {
        runs.incrementAndGet();
        ActionRun run;
        try {
            run = causa.runAction(attempt.actionType(), attempt.json(), "cli:fuzz");
        } catch (CausaException e) {
            judge(attempt, e);
            return false;
        } catch (Throwable t) {
            misbehaved.putIfAbsent(t.getClass().getName() + ": " + firstLine(t.getMessage()),
                    attempt + " -> " + t);
            return false;
        }
        outcomes.computeIfAbsent("stored", k -> new AtomicLong()).incrementAndGet();
        stored.incrementAndGet();
        storedJobs.addAndGet(run.jobIds().size());
        ActionRecord record = causa.store().records().action(run.actionId()).orElse(null);
        if (record == null || !record.jobIds.equals(run.jobIds())) {
            misbehaved.putIfAbsent("acknowledged action not stored as acknowledged", attempt.toString());
            return true;
        }
        for (String id : run.jobIds()) {
            JobRecord job = causa.store().records().job(id).orElse(null);
            if (job == null || job.state != JobState.QUEUED || job.actionContext == null
                    || !attempt.actionType().equals(job.actionContext.actionType())) {
                misbehaved.putIfAbsent("acknowledged job not stored as queued with its context", attempt + " job " + id);
            }
        }
        return true;
    }

    private static void judge(Attempt attempt, CausaException e) {
        outcomes.computeIfAbsent(e.kind().name(), k -> new AtomicLong()).incrementAndGet();
        String message = e.getMessage();
        if (e.kind() != CausaException.Kind.BAD_INPUT && e.kind() != CausaException.Kind.NOT_FOUND) {
            misbehaved.putIfAbsent("kind " + e.kind() + ": " + firstLine(message).replaceAll("[0-9a-f]{8,}", "<id>"),
                    attempt + " -> " + message);
        } else if (message == null || message.isBlank()) {
            misbehaved.putIfAbsent("empty message", attempt.toString());
        } else if (message.contains("\n") || message.contains("\r")) {
            misbehaved.putIfAbsent("message of more than one line: " + firstLine(message), attempt + " -> "
                    + abbreviate(message));
        } else if (message.length() > MAX_MESSAGE + 100) {
            misbehaved.putIfAbsent("message of " + message.length() + " characters: " + abbreviate(message),
                    attempt.toString());
        }
    }

    // ---- after each property: the engine is up and the store holds together, also after a reopen -------------------

    @AfterProperty
    void theStoreHoldsExactlyTheStoredRunsAlsoAfterAReopen() {
        Map<String, String> found = Map.copyOf(misbehaved);
        misbehaved.clear();
        assertThat(found).as("inputs that crashed or misbehaved (first of each kind)").isEmpty();
        ActionRun canary = causa.runAction("files.delete", "{\"paths\":[" + FuzzInputs.quote(canaryFile.toString())
                + "]}", "cli:fuzz");
        assertThat(canary.jobIds()).as("the engine still takes a valid action").hasSize(1);
        stored.incrementAndGet();
        storedJobs.addAndGet(1);
        consistent("before reopen");
        causa.close();
        causa = openEngine();
        consistent("after reopen");
    }

    private static void consistent(String when) {
        List<ActionRecord> actions = causa.actionRuns(null, 0);
        List<JobRecord> jobs = causa.jobs(JobQuery.all(0));
        long failedRecords = actions.stream().filter(a -> a.status == ActionRecord.Status.FAILED).count();
        assertThat(failedRecords).as(when + ": action records of runs that failed in execute").isZero();
        assertThat(actions).as(when + ": action records").hasSize((int) stored.get());
        assertThat(jobs).as(when + ": jobs").hasSize((int) storedJobs.get());
        Set<String> actionIds = new HashSet<>();
        Set<String> listed = new HashSet<>();
        for (ActionRecord a : actions) {
            actionIds.add(a.id);
            listed.addAll(a.jobIds);
        }
        for (JobRecord job : jobs) {
            assertThat(actionIds).as(when + ": the action of job " + job.id).contains(job.actionId);
            assertThat(listed).as(when + ": job " + job.id + " listed by its action").contains(job.id);
            assertThat(job.state).isEqualTo(JobState.QUEUED);
        }
    }

    private static String firstLine(String text) {
        if (text == null) return "null";
        int nl = text.indexOf('\n');
        return abbreviate(nl < 0 ? text : text.substring(0, nl));
    }

    static String abbreviate(String text) {
        String escaped = text.replace("\n", "\\n").replace("\u0000", "\\0");
        return escaped.length() <= 160 ? escaped : escaped.substring(0, 150) + "…(" + text.length() + " chars)";
    }
}
