package dev.causa.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Submits {@code n} units of work from a few concurrent client threads, as several users or services would, and
 * collects what each submission returned (typically a future that completes when the job is done).
 */
public final class Clients {

    private Clients() {
    }

    public static <T> List<T> submit(long n, int threads, LongFunction<T> submitOne) {
        AtomicLong next = new AtomicLong();
        List<List<T>> perThread = new ArrayList<>();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<T> mine = new ArrayList<>();
            perThread.add(mine);
            running.add(CompletableFuture.runAsync(() -> {
                long i;
                while ((i = next.getAndIncrement()) < n) mine.add(submitOne.apply(i));
            }, r -> Thread.ofPlatform().name("bench-client").start(r)));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        List<T> all = new ArrayList<>();
        perThread.forEach(all::addAll);
        return all;
    }

    /** Waits for all futures. */
    public static void awaitAll(List<? extends CompletableFuture<?>> futures) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    }
}
