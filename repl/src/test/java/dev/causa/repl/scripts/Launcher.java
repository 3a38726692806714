package dev.causa.repl.scripts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code ./causa} launcher of the worktree ({@code causa.root}) with its own data directory, the
 * way a user would, and captures what it prints.
 */
final class Launcher {

    /** What one command did. */
    record Result(int exit, String out, String err, Duration took) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path root = Path.of(System.getProperty("causa.root", "..")).toAbsolutePath().normalize();
    private final Path home;

    Launcher(Path home) {
        this.home = home;
        markDistributionFresh();
    }

    Path root() {
        return root;
    }

    /**
     * Failsafe runs right after {@code package} built the distribution: tell the launcher so, or it would see
     * sources newer than its stamp and build again from inside a test.
     */
    private void markDistributionFresh() {
        Path dist = Path.of(System.getProperty("causa.dist", root.resolve("repl/target/causa").toString()));
        try {
            Path stamp = dist.resolve(".built");
            if (!Files.exists(stamp)) Files.createFile(stamp);
            Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot mark the distribution " + dist + " as built", e);
        }
    }

    Result run(Duration limit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("causa").toString());
        command.add("--home");
        command.add(home.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(home.getParent(), "out", ".txt");
        Path err = Files.createTempFile(home.getParent(), "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().remove("CAUSA_HOME");
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("causa " + String.join(" ", args) + " did not end within " + limit
                    + "\n--- stdout\n" + Files.readString(out) + "--- stderr\n" + Files.readString(err));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), took);
    }
}
