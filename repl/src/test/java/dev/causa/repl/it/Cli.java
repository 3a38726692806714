package dev.causa.repl.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code ./causa} launcher as a user would, with its own data directory. */
public final class Cli {

    /** What a command printed and how it ended. */
    public record Result(int exitCode, String out, String err) {

        public JsonNode json() {
            try {
                return Json.parse(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + e.getMessage() + "\n" + out + "\nstderr: " + err);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path home;

    public Cli(Path home) {
        this.home = home;
    }

    public static Path root() {
        return Path.of(System.getProperty("causa.root", "..")).toAbsolutePath().normalize();
    }

    public Path home() {
        return home;
    }

    public Result run(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("causa " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Starts {@code ./causa --home <home> args...}; stdout and stderr go to files beside the home. */
    public Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(root().resolve("causa").toString());
        command.add("--home");
        command.add(home.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile());
        builder.environment().remove("CAUSA_HOME");
        builder.environment().put("NO_COLOR", "1");
        Files.createDirectories(home);
        return builder.start();
    }
}
