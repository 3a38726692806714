package dev.causa.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A benchmark figure running in its own JVM ({@link Bench}), with this JVM's class path and the Java 25 flags.
 * Its stdout is echoed indented and its {@code RESULT} lines collected.
 */
final class Child {

    private static final List<String> JVM_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "-Xmx4g");

    private final Process process;
    private final BufferedReader out;
    private final List<Result> results = new ArrayList<>();

    private Child(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Child start(List<String> extraJvmFlags, String figure, Object... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(extraJvmFlags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Bench.class.getName());
        cmd.add(figure);
        for (Object a : args) cmd.add(String.valueOf(a));
        return new Child(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** Reads output until a line matches, or the process ends; returns the line or null. */
    String readUntil(Predicate<String> wanted) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            Result.parse(line).ifPresent(results::add);
            System.out.println("    " + line);
            if (wanted.test(line)) return line;
        }
        return null;
    }

    /** Reads all output and waits for a normal exit. */
    List<Result> finish() throws IOException, InterruptedException {
        readUntil(l -> false);
        int code = process.waitFor();
        if (code != 0) throw new IllegalStateException("benchmark child exited with " + code);
        return results;
    }

    /** kill -9 (SIGKILL), as a crash or a power cut would end it. */
    List<Result> kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        return results;
    }
}
