package dev.causa.repl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code ./causa} launcher with its own {@code --home}, as a user would, and keeps what it printed.
 * The one helper every end-to-end test of the command line uses.
 */
public final class Cli {

    /** What one command did, and how long it took. */
    public record Result(int exit, String out, String err, Duration took) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON on stdout: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path home;
    private final List<String> javaOpts = new ArrayList<>();

    public Cli(Path home) {
        this.home = home;
    }

    /** The checkout the tests run in (failsafe sets {@code causa.root}). */
    public static Path root() {
        return Path.of(System.getProperty("causa.root", "..")).toAbsolutePath().normalize();
    }

    /** The built distribution. */
    public static Path dist() {
        return Path.of(System.getProperty("causa.dist", root().resolve("repl/target/causa").toString()));
    }

    /** The launcher itself, for tests that start it in a terminal. */
    public static Path launcher() {
        return root().resolve("causa");
    }

    /** A directory of {@code count} small files, to make a copy that takes a while. */
    public static Path manyFiles(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) Files.writeString(dir.resolve("f" + i + ".txt"), "file " + i + "\n");
        return dir;
    }

    /** Adds a JVM option for the commands this runs (through {@code CAUSA_JAVA_OPTS}). */
    public Cli withJavaOption(String option) {
        javaOpts.add(option);
        return this;
    }

    public Path home() {
        return home;
    }

    public Result run(String... args) {
        return run(Duration.ofSeconds(90), args);
    }

    /** Runs the command and fails the test unless it exits 0. */
    public Result ok(String... args) {
        Result r = run(args);
        if (r.exit() != 0) throw new AssertionError("causa " + String.join(" ", args) + " failed: " + r);
        return r;
    }

    /** Runs {@code ./causa --home <home> args...} with no input; fails the test if it takes longer than the limit. */
    public Result run(Duration limit, String... args) {
        return run(limit, null, args);
    }

    /** Runs with {@code input} piped to stdin (a batch session when there are no args). */
    public Result runWithInput(String input, String... args) {
        return run(Duration.ofSeconds(90), input, args);
    }

    /**
     * Starts {@code ./causa --home <home> args...} without waiting (a long-running {@code serve}); its stdout and
     * stderr go to the given files, {@code env} adds to its environment.
     */
    public Process start(Path out, Path err, java.util.Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(root().resolve("causa").toString(), "--home", home.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(home);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("CAUSA_JAVA_OPTS", String.join(" ", javaOpts));
        builder.environment().remove("CAUSA_HOME");
        builder.environment().putAll(env);
        return builder.start();
    }

    private Result run(Duration limit, String input, String... args) {
        List<String> command = new ArrayList<>(List.of(root().resolve("causa").toString(), "--home", home.toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(home);
            Path out = Files.createTempFile("causa-out", ".txt");
            Path err = Files.createTempFile("causa-err", ".txt");
            Path in = Files.createTempFile("causa-in", ".txt");
            Files.writeString(in, input == null ? "" : input);
            ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(in.toFile());
            builder.environment().put("CAUSA_JAVA_OPTS", String.join(" ", javaOpts));
            builder.environment().remove("CAUSA_HOME");
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("causa " + String.join(" ", args) + " did not finish within " + limit
                        + "\n--- stdout\n" + Files.readString(out) + "--- stderr\n" + Files.readString(err));
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
            Files.delete(out);
            Files.delete(err);
            Files.delete(in);
            return result;
        } catch (IOException e) {
            throw new AssertionError("cannot run the launcher", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
