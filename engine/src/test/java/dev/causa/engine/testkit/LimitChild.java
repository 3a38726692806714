package dev.causa.engine.testkit;

import dev.causa.engine.Causa;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM for the limit-after-a-crash test: four workers, three hanging {@code test.limited} jobs (two may
 * run), prints {@code READY} once two run and their running state is stored, and waits to be killed.
 */
public final class LimitChild {

    public static void main(String[] args) throws Exception {
        LimitedJob.hangs = true;
        Causa causa = Causa.open(new Causa.Options(Path.of(args[0]), List.of(), 4, TestEngine.extensions()));
        causa.startWorkers();
        for (int i = 0; i < 3; i++) causa.dispatch(LimitedJob.TYPE, "{\"millis\":20,\"hang\":true}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (causa.countByState().getOrDefault(dev.causa.engine.model.JobState.RUNNING, 0L) < 2
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        System.out.println("READY " + LimitedJob.RUNNING.get());
        System.out.flush();
        Thread.sleep(60_000);
    }

    private LimitChild() {
    }
}
