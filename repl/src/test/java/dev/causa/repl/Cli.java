package dev.causa.repl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code ./causa} launcher with its own {@code --home}, as a user would, and keeps what it printed. */
final class Cli {

    /** What one command did. */
    record Result(int exit, String out, String err) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON on stdout: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private final Path root = Path.of(System.getProperty("causa.root", "."));
    private final Path home;
    private final List<String> javaOpts = new ArrayList<>();

    Cli(Path home) {
        this.home = home;
    }

    Cli withJavaOption(String option) {
        javaOpts.add(option);
        return this;
    }

    Path home() {
        return home;
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("causa").toString(), "--home", home.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("causa-out", ".txt");
            Path err = Files.createTempFile("causa-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().put("CAUSA_JAVA_OPTS", String.join(" ", javaOpts));
            builder.environment().remove("CAUSA_HOME");
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("causa " + String.join(" ", args) + " did not finish in 60 s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new AssertionError("cannot run the launcher", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a command that must succeed. */
    Result ok(String... args) {
        Result r = run(args);
        if (r.exit() != 0) throw new AssertionError("causa " + String.join(" ", args) + " failed: " + r);
        return r;
    }
}
