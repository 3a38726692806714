package dev.causa.repl.torture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.Causa;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.model.JobState;
import dev.causa.engine.job.LiveJob;
import dev.causa.engine.json.Json;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One round of the torture run, in its own JVM: opens the engine on the shared home, starts the workers (which
 * resumes what earlier rounds left) and runs a mixed workload until it is killed. Each action is reported on
 * stdout as {@code ACK <json>} only after {@code runAction} returned, i.e. once it and its jobs are committed.
 * In {@code final} mode it starts nothing new, waits until every acknowledged action has finished, closes the
 * engine and prints {@code QUIESCENT}.
 *
 * <p>Arguments: {@code <work-dir> <dist-dir> <round> <seed> run|final}.
 */
public final class TortureChild {

    private static final PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
            false, StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path dist = Path.of(args[1]);
        int round = Integer.parseInt(args[2]);
        Random random = new Random(Long.parseLong(args[3]));
        boolean last = args[4].equals("final");
        Causa causa = open(work, dist, 2);
        LedgerJob.commit = id -> causa.liveJob(id).ifPresent(job -> job.written().join());
        if (last) {
            quiesce(causa, work);
            return;
        }
        causa.startWorkers();
        say("READY");
        resumeUserPaused(causa);
        new TortureChild(causa, work, round, random).loop();
    }

    /** The engine as every torture process opens it: the distribution's plugins plus the ledger job. */
    public static Causa open(Path work, Path dist, int workers) {
        return Causa.open(new Causa.Options(work.resolve("home"), List.of(dist.resolve("plugins")), workers,
                List.of(new LedgerAction(), new LedgerAction.Context(), new LedgerJob())));
    }

    private static void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** Jobs a user (an earlier round's workload) paused wait for a user: this workload is that user. */
    private static void resumeUserPaused(Causa causa) {
        for (JobRecord job : causa.jobs(JobQuery.inState(JobState.PAUSED))) {
            if (job.resumeOnStart) continue;
            try {
                causa.resume(job.id);
                say("RESUMED " + job.id);
            } catch (RuntimeException e) {
                say("NOTE resume of " + job.id + " refused: " + e.getMessage());
            }
        }
    }

    private final Causa causa;
    private final Path work;
    private final int round;
    private final Random random;
    private final ArrayDeque<String> pausedByUs = new ArrayDeque<>();
    private int made;

    private TortureChild(Causa causa, Path work, int round, Random random) {
        this.causa = causa;
        this.work = work;
        this.round = round;
        this.random = random;
    }

    private void loop() throws Exception {
        copy(); // every round starts with one of each, so that even a short round has both kinds of work
        ledger();
        while (true) {
            int dice = random.nextInt(100);
            if (dice < 35) {
                copy();
            } else if (dice < 80) {
                ledger();
            } else if (dice < 92) {
                pauseOne();
            } else {
                resumeOne();
            }
            if (causa.jobManager().queuedCount() > 8) TimeUnit.MILLISECONDS.sleep(150); // let the workers catch up
            TimeUnit.MILLISECONDS.sleep(random.nextInt(5, 60));
        }
    }

    private void copy() throws Exception {
        String name = "r" + round + "-" + (made++);
        Path source = work.resolve("data").resolve("src-" + name);
        Path target = work.resolve("data").resolve("dst-" + name);
        Trees.generate(source, random);
        String input = Json.text(Map.of("sources", List.of(source.toString()), "destination", target.toString()));
        ActionRun run = causa.runAction("files.copy", input, "cli:torture");
        ack("copy", run, Map.of("source", source.toString(), "destination", target.toString()));
    }

    private void ledger() throws Exception {
        String name = "r" + round + "-" + (made++);
        int steps = random.nextInt(3, 10);
        int spawnAt = random.nextInt(3) == 0 ? -1 : random.nextInt(steps);
        var input = new LedgerAction.Input(name, steps, spawnAt, random.nextInt(1, 5), random.nextInt(3) == 0,
                work.resolve("ledgers").toString());
        ActionRun run = causa.runAction(LedgerAction.TYPE, Json.text(input), "cli:torture");
        ack("ledger", run, Map.of("steps", steps, "spawn_at", spawnAt));
    }

    private void ack(String kind, ActionRun run, Map<String, Object> extra) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("kind", kind);
        ack.put("round", round);
        ack.put("action_id", run.actionId());
        ack.put("job_ids", run.jobIds());
        ack.put("context", Json.tree(run.context()));
        ack.putAll(extra);
        say("ACK " + Json.text(ack));
    }

    private void pauseOne() throws Exception {
        List<LiveJob> running = new ArrayList<>();
        for (LiveJob job : causa.jobManager().liveJobs()) {
            synchronized (job.record()) {
                if (job.record().state == JobState.RUNNING) running.add(job);
            }
        }
        if (running.isEmpty()) return;
        String id = running.get(random.nextInt(running.size())).id();
        try {
            JobState settled = causa.pause(id).get(5, TimeUnit.SECONDS);
            say("PAUSE " + id + " " + (settled == null ? "?" : settled.label()));
            if (settled == JobState.PAUSED) pausedByUs.add(id);
        } catch (dev.causa.engine.model.CausaException e) {
            // finished or paused meanwhile: a user sees the same refusal
        }
    }

    private void resumeOne() {
        String id = pausedByUs.poll();
        if (id == null) return;
        causa.resume(id);
        say("RESUMED " + id);
    }

    /** The last process: no new work; every acknowledged action runs to its end, then a clean close. */
    private static void quiesce(Causa causa, Path work) throws Exception {
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("acks.jsonl"))) {
            JsonNode ack = Json.parse(line);
            // asked before the workers start, so no job can end between counting and tracking
            all.add(causa.completion(ack.path("action_id").asText()));
        }
        causa.startWorkers();
        say("READY");
        resumeUserPaused(causa);
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            reportStuck(causa, work);
        }
        causa.close();
        say("QUIESCENT " + all.size());
    }

    /** Names every acknowledged action that did not finish, with the state of each of its jobs. */
    private static void reportStuck(Causa causa, Path work) throws IOException {
        for (String line : Files.readAllLines(work.resolve("acks.jsonl"))) {
            String id = Json.parse(line).path("action_id").asText();
            if (causa.completion(id).isDone()) continue;
            StringBuilder jobs = new StringBuilder();
            for (JobRecord job : causa.jobs(JobQuery.ofAction(id))) {
                jobs.append(' ').append(job.id).append('=').append(job.state.label());
            }
            say("STUCK action " + id + " never finished; jobs:" + jobs);
        }
    }

    private TortureChild() {
        throw new AssertionError();
    }
}
