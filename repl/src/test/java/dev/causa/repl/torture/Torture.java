package dev.causa.repl.torture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.Causa;
import dev.causa.engine.json.Json;
import dev.causa.engine.store.mapdb.MapDbRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The crash torture run: round after round, a child JVM ({@link TortureChild}) runs a mixed workload on one causa
 * home and is killed with SIGKILL at a random moment; after each kill the store is checked against what the child
 * acknowledged, and after the last round a final child runs everything to its end and the result is checked with
 * the engine opened, closed and reopened in this process.
 *
 * <p>Usage: {@code Torture [--rounds N] [--seed S] [--work DIR] [--dist DIR]}. Exit code 0 if every round
 * survived.
 */
public final class Torture {

    /** How the run went: rounds survived and everything found. */
    public record Result(int rounds, int survived, List<TortureCheck.Problem> problems, List<String> summary) {
        public boolean passed() {
            return survived == rounds && problems.isEmpty();
        }
    }

    private final int rounds;
    private final long seed;
    private final Path work;
    private final Path dist;
    private final PrintStream log;
    private final Random random;
    private final List<JsonNode> acks = new ArrayList<>();
    private final TreeSet<Integer> failedRounds = new TreeSet<>();
    private int shortestLifetimeMillis = 300;
    private final List<TortureCheck.Problem> problems = new ArrayList<>();
    private final List<String> summary = new ArrayList<>();

    public Torture(int rounds, long seed, Path work, Path dist, PrintStream log) {
        this.rounds = rounds;
        this.seed = seed;
        this.work = work;
        this.dist = dist;
        this.log = log;
        this.random = new Random(seed);
    }

    /** Kills no child earlier than this after it is ready (the suite's short run wants some work in every round). */
    public Torture shortestLifetime(int millis) {
        this.shortestLifetimeMillis = millis;
        return this;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int rounds = 20;
        long seed = System.nanoTime();
        Path work = null;
        Path dist = Path.of(System.getProperty("causa.dist", "repl/target/causa"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--dist" -> dist = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: torture [--rounds N] [--seed S] [--work DIR] [--dist DIR]");
                    System.exit(1);
                }
            }
        }
        if (work == null) work = Files.createTempDirectory("causa-torture-");
        Result result = new Torture(rounds, seed, work, dist.toAbsolutePath(), System.out).run();
        System.exit(result.passed() ? 0 : 1);
    }

    public Result run() throws Exception {
        Files.createDirectories(work.resolve("ledgers"));
        Files.createDirectories(work.resolve("data"));
        Files.writeString(work.resolve("acks.jsonl"), "");
        log.println("torture: " + rounds + " rounds, seed " + seed + ", work " + work);
        for (int round = 1; round <= rounds; round++) round(round);
        finish();
        int survived = rounds - failedRounds.size();
        summary.add("torture: " + survived + "/" + rounds + " rounds survived");
        log.println(summary.getLast());
        problems.forEach(p -> log.println("  problem: " + p));
        return new Result(rounds, survived, List.copyOf(problems), List.copyOf(summary));
    }

    private void round(int round) throws Exception {
        Child child = Child.start(this, round, "run");
        long lifetime = shortestLifetimeMillis + random.nextInt(Math.max(1, 3000 - shortestLifetimeMillis));
        child.awaitLine("READY", 60);
        // The workload's running time before the kill: the random moment is the point of the test.
        TimeUnit.MILLISECONDS.sleep(lifetime);
        if (!child.process.isAlive()) {
            problems.add(new TortureCheck.Problem(round, "the workload process ended by itself (exit "
                    + child.process.exitValue() + ") before the kill: see round-" + round + ".log"));
            failedRounds.add(round);
        }
        child.process.destroyForcibly(); // SIGKILL
        child.process.waitFor(30, TimeUnit.SECONDS);
        List<String> lines = child.lines();
        int acked = 0;
        int jobs = 0;
        for (String line : lines) {
            if (!line.startsWith("ACK ")) continue;
            JsonNode ack = Json.parse(line.substring(4));
            acks.add(ack);
            acked++;
            jobs += ack.path("job_ids").size();
            Files.writeString(work.resolve("acks.jsonl"), ack + "\n", StandardOpenOption.APPEND);
        }
        long pauses = lines.stream().filter(l -> l.startsWith("PAUSE ")).count();
        long resumes = lines.stream().filter(l -> l.startsWith("RESUMED ")).count();
        TortureCheck check;
        try (MapDbRecords store = MapDbRecords.open(work.resolve("home").resolve("causa.db"))) {
            check = TortureCheck.afterCrash(store, acks);
        }
        record(check, round);
        String line = String.format("round %d: killed after %d ms; acknowledged %d actions (%d jobs), %d pauses,"
                        + " %d resumes; store: %d jobs, %d left running; %s", round, lifetime, acked, jobs, pauses,
                resumes, check.stats.getOrDefault("jobs in store", 0L), check.stats.getOrDefault("jobs left running", 0L),
                check.problems.isEmpty() ? "nothing acknowledged lost" : check.problems.size() + " PROBLEMS");
        summary.add(line);
        log.println(line);
    }

    private void record(TortureCheck check, int round) {
        for (TortureCheck.Problem p : check.problems) {
            problems.add(p.round() > 0 ? p : new TortureCheck.Problem(round, p.text()));
            failedRounds.add(p.round() > 0 ? p.round() : round);
        }
    }

    private void finish() throws Exception {
        Child child = Child.start(this, rounds + 1, "final");
        child.awaitLine("QUIESCENT", 240);
        child.process.waitFor(30, TimeUnit.SECONDS);
        for (String line : child.lines()) {
            if (!line.startsWith("STUCK ")) continue;
            int round = acks.stream().filter(a -> line.contains(a.path("action_id").asText()))
                    .mapToInt(a -> a.path("round").asInt()).findFirst().orElse(rounds);
            problems.add(new TortureCheck.Problem(round, line.substring(6)));
            failedRounds.add(round);
        }
        Path ledgers = work.resolve("ledgers");
        TortureCheck first;
        TortureCheck again;
        try (Causa causa = TortureChild.open(work, dist, 1)) {
            first = TortureCheck.afterQuiescence(causa.store(), acks, ledgers);
        }
        try (Causa causa = TortureChild.open(work, dist, 1)) {
            again = TortureCheck.afterQuiescence(causa.store(), acks, ledgers);
        }
        record(first, 0);
        if (!first.stats.equals(again.stats)) {
            problems.add(new TortureCheck.Problem(0, "the store read differently after a reopen: " + first.stats
                    + " then " + again.stats));
            failedRounds.add(rounds);
        }
        String line = "final: everything ran to its end; checked with the engine closed and reopened: "
                + (first.problems.isEmpty() ? "no problems" : first.problems.size() + " PROBLEMS");
        summary.add(line);
        log.println(line);
        first.stats.forEach((k, v) -> {
            summary.add("  " + k + ": " + v);
            log.println("  " + k + ": " + v);
        });
    }

    /** A child JVM and the complete lines it printed (a line cut off by the kill is not one). */
    private static final class Child {
        final Process process;
        final LinkedBlockingQueue<String> incoming = new LinkedBlockingQueue<>();
        final List<String> all = new ArrayList<>();
        final CompletableFuture<Void> drained = new CompletableFuture<>();

        private Child(Process process) {
            this.process = process;
            Thread.ofPlatform().daemon(true).name("torture-child-out").start(this::read);
        }

        static Child start(Torture t, int round, String mode) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), TortureChild.class.getName(),
                    t.work.toString(), t.dist.toString(), Integer.toString(round),
                    Long.toString(t.seed * 1_000_003L + round), mode));
            Path err = t.work.resolve("round-" + round + ".log");
            return new Child(new ProcessBuilder(command).redirectError(err.toFile()).start());
        }

        private void read() {
            try (InputStream in = process.getInputStream()) {
                StringBuilder line = new StringBuilder();
                byte[] buffer = new byte[8192];
                java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            line.append(pending.toString(StandardCharsets.UTF_8));
                            pending.reset();
                            incoming.add(line.toString());
                            synchronized (all) {
                                all.add(line.toString());
                            }
                            line.setLength(0);
                        } else {
                            pending.write(buffer[i]);
                        }
                    }
                }
            } catch (IOException e) {
                // the child was killed
            } finally {
                drained.complete(null);
            }
        }

        void awaitLine(String prefix, int seconds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                String line = incoming.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the torture child did not print " + prefix + " within "
                            + seconds + " s (see its log in the work folder)");
                }
                if (line.startsWith(prefix)) return;
            }
        }

        List<String> lines() throws Exception {
            drained.get(30, TimeUnit.SECONDS);
            synchronized (all) {
                return List.copyOf(all);
            }
        }
    }
}
