package dev.causa.repl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a REPL holding a home, one-shot commands on that home run in the REPL instead of failing with "store in
 * use": the same output shape, the same exit codes, live progress, and Ctrl-C that stops the command, not the REPL.
 */
class AttachIT {

    @TempDir
    Path tmp;

    @Test
    void oneShotCommandsRunInTheReplThatHoldsTheHome() throws Exception {
        Path home = tmp.resolve("home");
        Cli cli = new Cli(home);
        Path small = Cli.manyFiles(tmp.resolve("small"), 5);
        Path many = Cli.manyFiles(tmp.resolve("many"), 20_000);

        // without a REPL: the shapes and codes to compare with, and what Ctrl-C of job watch exits with
        String done = cli.ok("action", "run", "files.copy", "sources=" + small, "destination=" + tmp.resolve("d0"))
                .out().lines().filter(l -> l.contains("job ")).findFirst().orElseThrow();
        Cli.Result localList = cli.ok("job", "list", "--json");
        String jobId = localList.json().get(0).path("id").asText();
        Cli.Result localInfo = cli.ok("job", "info", jobId, "--json");
        Cli.Result localRun = cli.ok("action", "run", "files.copy", "--detach", "--json", "sources=" + small,
                "destination=" + tmp.resolve("d1"));
        int localNotFound = cli.run("job", "info", "NOSUCHJOB").exit();
        int localBadInput = cli.run("job", "list", "--state", "bogus").exit();
        assertThat(done).isNotEmpty();
        String big = cli.ok("action", "run", "files.copy", "--detach", "--json", "sources=" + many,
                "destination=" + tmp.resolve("big")).json().path("jobs").get(0).path("id").asText();
        int localCtrlC = interruptWhen(start(home, "job", "watch", big), l -> l.contains("Copying files"));

        try (Tmux tmux = new Tmux()) {
            tmux.line("env CAUSA_WORKERS=1 " + Cli.launcher() + " --home " + home);
            tmux.waitFor("the prompt", s -> s.contains("causa>"), Duration.ofSeconds(30));
            Path socket = home.resolve("causa.sock");
            waitUntil("the socket", () -> Files.exists(socket));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
            waitUntil("the big copy running in the REPL", () -> state(cli, big).equals("running"));
            Cli.Result paused = cli.run("job", "pause", big, "--json");
            assertThat(paused.exit()).as(paused.toString()).isZero();
            assertThat(paused.json().path("state").asText()).isEqualTo("paused");
            assertThat(cli.run("job", "resume", big, "--detach").exit()).isZero();

            // 20 commands at once, all attached
            ExecutorService pool = Executors.newFixedThreadPool(20);
            List<CompletableFuture<Cli.Result>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Path to = tmp.resolve("c" + i);
                results.add(CompletableFuture.supplyAsync(() -> cli.run("action", "run", "files.copy", "--detach",
                        "--json", "sources=" + small, "destination=" + to), pool));
                results.add(CompletableFuture.supplyAsync(() -> cli.run("job", "list", "--json"), pool));
                results.add(CompletableFuture.supplyAsync(() -> cli.run("job", "info", jobId, "--json"), pool));
                results.add(CompletableFuture.supplyAsync(() -> cli.run("job", "info", "NOSUCHJOB"), pool));
                results.add(CompletableFuture.supplyAsync(() -> cli.run("job", "list", "--state", "bogus"), pool));
            }
            List<Cli.Result> r = results.stream().map(CompletableFuture::join).toList();
            pool.shutdown();
            for (int i = 0; i < 4; i++) {
                assertThat(r.get(5 * i).exit()).as(r.get(5 * i).toString()).isZero();
                assertThat(keys(r.get(5 * i).json())).isEqualTo(keys(localRun.json()));
                assertThat(r.get(5 * i).json().path("initiated_by").asText()).startsWith("cli:");
                assertThat(r.get(5 * i + 1).exit()).isZero();
                assertThat(keys(r.get(5 * i + 1).json().get(0))).isEqualTo(keys(localList.json().get(0)));
                assertThat(r.get(5 * i + 2).exit()).isZero();
                assertThat(keys(r.get(5 * i + 2).json())).isEqualTo(keys(localInfo.json()));
                assertThat(r.get(5 * i + 3).exit()).as("not found").isEqualTo(localNotFound).isEqualTo(2);
                assertThat(r.get(5 * i + 3).err()).isEqualTo("causa: no job NOSUCHJOB\n");
                assertThat(r.get(5 * i + 4).exit()).as("bad input").isEqualTo(localBadInput).isEqualTo(1);
            }


            // live progress of an attached action run reaches the client while it runs; Ctrl-C stops the waiting
            Process run = start(home, "action", "run", "files.copy", "sources=" + many,
                    "destination=" + tmp.resolve("live"));
            assertThat(interruptWhen(run, l -> l.contains("queued") || l.contains("Copying files")))
                    .isEqualTo(130);
            // every unfinished job (the big copy, and the live one queued behind it on the one worker): long enough
            Process watch = start(home, "job", "watch");
            assertThat(interruptWhen(watch, l -> l.startsWith("watching ")))
                    .as("Ctrl-C of an attached job watch ends as it does locally").isEqualTo(localCtrlC);

            Cli.Result status = cli.ok("status");
            assertThat(status.out()).contains("engine:   attached to repl pid");
            JsonNode engine = cli.ok("status", "--json").json().path("engine");
            assertThat(engine.path("attached").asBoolean()).isTrue();
            assertThat(engine.path("kind").asText()).isEqualTo("repl");
            assertThat(cli.run("store", "check").err()).contains("leave the REPL first");

            tmux.line("exit");
            tmux.waitFor("the shell again", s -> s.strip().endsWith("$"), Duration.ofSeconds(30));
            waitUntil("the socket removed", () -> !Files.exists(socket));
        }
        assertThat(cli.ok("status").out()).contains("engine:   this process");
    }

    private static String state(Cli cli, String id) {
        return cli.ok("job", "info", id, "--json").json().path("state").asText();
    }

    /** Every field name of a JSON object, nested objects' too (values differ between runs, the shape must not). */
    private static Set<String> keys(JsonNode json) {
        Set<String> out = new TreeSet<>();
        collect(json, "", out);
        return out;
    }

    private static void collect(JsonNode json, String path, Set<String> out) {
        if (json.isArray() && !json.isEmpty()) collect(json.get(0), path + "[]", out);
        if (!json.isObject()) return;
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            out.add(path + name);
            // free-form values (input, context, progress: null until a job runs) are the job's, not the shape's
            if (!Set.of("action_input", "context", "input", "metadata", "progress").contains(name)) {
                collect(json.get(name), path + name + ".", out);
            }
        }
    }

    private static Process start(Path home, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Cli.launcher().toString(), "--home", home.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("CAUSA_HOME");
        return builder.start();
    }

    /** Sends SIGINT (Ctrl-C) once a line of the output matches; returns the exit code. */
    private static int interruptWhen(Process process, Predicate<String> line) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String l;
        while ((l = out.readLine()) != null) {
            seen.append(l).append('\n');
            if (line.test(l)) break;
        }
        assertThat(process.isAlive()).as("still running when the line came:\n" + seen).isTrue();
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        out.transferTo(java.io.Writer.nullWriter());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ended after Ctrl-C:\n" + seen).isTrue();
        return process.exitValue();
    }

    private static void waitUntil(String what, java.util.function.BooleanSupplier test) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!test.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("waited 30 s for " + what);
            Thread.sleep(100);
        }
    }
}
