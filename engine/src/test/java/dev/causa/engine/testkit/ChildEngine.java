package dev.causa.engine.testkit;

import dev.causa.engine.Causa;
import dev.causa.engine.action.ActionRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM running the engine, for tests that kill it with SIGKILL. It starts a held steps job, makes sure
 * the checkpoint is committed, prints {@code HELD <job-id>} and waits to be killed.
 */
public final class ChildEngine {

    public static void main(String[] args) throws Exception {
        Causa causa = TestEngine.open(Path.of(args[0]));
        causa.startWorkers();
        ActionRun run = causa.runAction("test.steps", TestEngine.steps(args[1], 1, Integer.parseInt(args[2]),
                Integer.parseInt(args[3])), "cli:crash-test");
        String id = run.jobIds().getFirst();
        if (!StepsJob.atGate(id).tryAcquire(60, TimeUnit.SECONDS)) throw new IllegalStateException("never held");
        causa.flushStore().get(30, TimeUnit.SECONDS);
        System.out.println("HELD " + id);
        System.out.flush();
        Thread.sleep(60_000);
    }

    /** Starts the child with this JVM's class path. */
    public static Process start(Path home, String name, int steps, int holdBefore) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChildEngine.class.getName());
        command.addAll(List.of(home.toString(), name, Integer.toString(steps), Integer.toString(holdBefore)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private ChildEngine() {
    }
}
