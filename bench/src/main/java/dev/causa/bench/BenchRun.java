package dev.causa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark run (bench/run): every figure in its own child JVM, one after the other, then the ratios and a
 * report. Usage: {@code BenchRun [--quick] [--profile] [--jobs N] --work DIR}. Ratios are taken within this one run, since the
 * machine is shared and absolute figures drift from run to run.
 */
public final class BenchRun {

    /** How big each figure's workload is. */
    record Plan(String mode, long jobs, long contextJobs, long progressUpdates, long storeJobs, long recoveryJobs,
                int clients, int workers, boolean profile, int rounds) {

        static Plan of(boolean quick, boolean profile, long jobs) {
            Plan plan = quick ? new Plan("quick", 2_000, 8_000, 10_000_000, 1_000_000, 100_000, 4, 2, profile, 1)
                    : new Plan("full", 100_000, 40_000, 10_000_000, 1_000_000, 100_000, 4, 2, true, 3);
            return jobs <= 0 ? plan : new Plan(plan.mode(), jobs, plan.contextJobs(), plan.progressUpdates(),
                    plan.storeJobs(), plan.recoveryJobs(), plan.clients(), plan.workers(), plan.profile(), plan.rounds());
        }
    }

    /** The most jobs JobRunr gets per round (see throughputRound). */
    static final long JOBRUNR_MAX_JOBS = 20_000;

    private final Plan plan;
    private final Path work;
    private final Map<String, Result> results = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();

    private BenchRun(Plan plan, Path work) {
        this.plan = plan;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean profile = false;
        long jobs = 0;
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--profile" -> profile = true;
                case "--work" -> work = Path.of(args[++i]);
                case "--jobs" -> jobs = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: BenchRun [--quick] [--profile] [--jobs N] --work DIR");
                    System.exit(1);
                }
            }
        }
        if (work == null) {
            System.err.println("usage: BenchRun [--quick] [--profile] [--jobs N] --work DIR");
            System.exit(1);
        }
        new BenchRun(Plan.of(quick, profile, jobs), work).run();
    }

    private void run() throws Exception {
        clean(work);
        Files.createDirectories(work);
        System.out.printf("causa benchmarks (%s): %d jobs per throughput figure, %d client threads, %d causa workers,"
                        + " %d cores%n", plan.mode(), plan.jobs(), plan.clients(), plan.workers(),
                Runtime.getRuntime().availableProcessors());

        for (int round = 1; round <= plan.rounds(); round++) throughputRound(round);

        section("action context overhead at dispatch");
        run("context-overhead", List.of(), dir("context"), plan.contextJobs(), plan.clients());
        section("progress overhead");
        run("progress-overhead", List.of(), dir("progress"), plan.progressUpdates());

        section("store with " + Sizes.label(plan.storeJobs()) + " jobs: fill, query, memory");
        Path storeDir = dir("store");
        run("store-fill", List.of(), storeDir, plan.storeJobs());
        run("store-query", List.of(), storeDir, plan.storeJobs());

        section("recovery of " + Sizes.label(plan.recoveryJobs()) + " jobs after kill -9");
        Path recoveryDir = dir("recovery");
        Child crash = Child.start(List.of("-Dbench.hold=true"), "recovery-crash", recoveryDir, plan.recoveryJobs());
        if (crash.readUntil(l -> l.startsWith("READY")) == null) throw new IllegalStateException("crash phase failed");
        crash.kill();
        run("recovery-resume", List.of(), recoveryDir, plan.recoveryJobs());

        if (plan.profile()) {
            section("profile: causa throughput under JFR");
            Path jfr = work.resolve("causa-throughput.jfr");
            Child.start(List.of("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true"),
                    "causa-throughput-profile", dir("profile"), Math.min(plan.jobs(), 5_000), plan.clients(), plan.workers())
                    .finish();
            System.out.println("    recording: " + jfr);
        }

        report();
    }

    /**
     * causa and the peers one after the other, the durability check after causa, and this round's ratios. A full
     * run repeats the round and keeps medians, so that a burst of disk activity by another process does not decide
     * a ratio alone.
     */
    private void throughputRound(int round) throws Exception {
        String of = plan.rounds() > 1 ? " (round " + round + " of " + plan.rounds() + ")" : "";
        section("causa throughput, then kill -9 and the durability check" + of);
        Path causaDir = dir("causa-" + round);
        Child throughput = Child.start(List.of(), "causa-throughput", causaDir, plan.jobs(), plan.clients(),
                plan.workers());
        String acked = throughput.readUntil(l -> l.startsWith("ACKED "));
        if (acked == null) throw new IllegalStateException("the throughput child ended before acknowledging");
        collect(throughput.kill());
        run("durability-verify", List.of(), causaDir.resolve("causa"), acked.substring("ACKED ".length()));

        section("JobRunr (own JVM, H2 file database)" + of);
        // JobRunr runs ~130 jobs/s here: 100k jobs would take 13 minutes a round. Its rate is steady well before
        // 20k, so it gets at most that many (the report says so); everyone else gets the full N.
        long jobrunrJobs = Math.min(plan.jobs(), JOBRUNR_MAX_JOBS);
        if (jobrunrJobs < plan.jobs()) System.out.println("    JobRunr: " + jobrunrJobs + " jobs (its rate is steady by then)");
        run("jobrunr-throughput", List.of(), dir("jobrunr-" + round), jobrunrJobs, plan.clients(), 0);
        section("db-scheduler (own JVM, H2 file database)" + of);
        run("dbscheduler-throughput", List.of(), dir("dbscheduler-" + round), plan.jobs(), plan.clients(), 0);

        ratio("ratio.causa_vs_jobrunr", "throughput.causa", "throughput.jobrunr");
        ratio("ratio.causa_vs_dbscheduler", "throughput.causa", "throughput.dbscheduler");
        ratio("ratio.causa_one_action_vs_jobrunr", "throughput.causa_one_action", "throughput.jobrunr");
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(work.resolve(name));
    }

    /** Runs one figure; a failing figure is reported and the run goes on with the next. */
    private void run(String figure, List<String> jvmFlags, Object... args) throws IOException {
        try {
            collect(Child.start(jvmFlags, figure, args).finish());
        } catch (IllegalStateException | InterruptedException e) {
            failures.add(figure + ": " + e.getMessage());
            System.out.println("    FAILED " + figure + ": " + e.getMessage());
        }
    }

    /** Keeps every sample of a figure; the figure reported is their median (the worst, for durability). */
    private void collect(List<Result> figures) {
        for (Result r : figures) {
            List<Double> all = samples.computeIfAbsent(r.name(), k -> new ArrayList<>());
            all.add(r.value());
            List<Double> sorted = all.stream().sorted().toList();
            double value = r.name().startsWith("durability.lost") ? sorted.getLast() : sorted.get(sorted.size() / 2);
            results.put(r.name(), new Result(r.name(), value, r.unit()));
        }
    }

    /** The ratio of the latest samples of two figures, i.e. within this round. */
    private void ratio(String name, String numerator, String denominator) {
        List<Double> a = samples.get(numerator);
        List<Double> b = samples.get(denominator);
        if (a != null && b != null && b.getLast() > 0) collect(List.of(new Result(name, a.getLast() / b.getLast(), "x")));
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private void report() {
        System.out.println();
        System.out.println("== results (" + plan.mode() + ")");
        int width = results.keySet().stream().mapToInt(String::length).max().orElse(10);
        for (Result r : results.values()) {
            List<Double> all = samples.getOrDefault(r.name(), List.of());
            String spread = all.size() > 1 ? "   (rounds: " + String.join(", ", all.stream().map(Result::format)
                    .toList()) + ")" : "";
            System.out.printf("  %-" + width + "s %12s %s%s%n", r.name(), Result.format(r.value()), r.unit(), spread);
        }
        System.out.println();
        results.values().forEach(r -> System.out.println(r.line()));
        if (!failures.isEmpty()) {
            System.out.println();
            failures.forEach(f -> System.out.println("FAILED " + f));
            System.exit(3);
        }
    }

    private static void clean(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(all.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) Files.delete(p);
        }
    }
}
