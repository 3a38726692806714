package dev.causa.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code ./causa} launcher of the worktree under test, as a user would. */
final class Launcher {

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Path root() {
        return Path.of(System.getProperty("causa.root", "..")).toAbsolutePath().normalize();
    }

    /** The launcher, with the distribution Maven just packaged marked current so it does not rebuild. */
    static Path causa() {
        Path dist = Path.of(System.getProperty("causa.dist", root().resolve("repl/target/causa").toString()));
        try {
            Path stamp = dist.resolve(".built");
            if (!Files.exists(stamp)) Files.createFile(stamp);
            Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
        } catch (IOException e) {
            throw new IllegalStateException("no distribution at " + dist + ": run mvn package first", e);
        }
        return root().resolve("causa");
    }

    static Result run(Path home, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(causa().toString(), "--home", home.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try (var in = process.getOutputStream()) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(25, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("causa " + args.length + " did not end in 25 s; stderr: " + err.getNow(""));
        }
        return new Result(process.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A directory of {@code count} small files, to make a copy that takes a while. */
    static Path files(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) Files.writeString(dir.resolve("f" + i + ".txt"), "file " + i + "\n");
        return dir;
    }
}
