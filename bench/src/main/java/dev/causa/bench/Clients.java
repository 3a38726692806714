package dev.causa.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
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

    /**
     * Like {@link #submit}, for submissions acknowledged later: each client thread keeps up to {@code window}
     * unacknowledged submissions in flight (a producer that pipelines), waiting for an acknowledgement to free a
     * place before it submits more. {@code submitOne} returns the acknowledgement future.
     */
    public static <T> List<CompletableFuture<T>> pipeline(long n, int threads, int window,
                                                         LongFunction<CompletableFuture<T>> submitOne) {
        ThreadLocal<Semaphore> places = ThreadLocal.withInitial(() -> new Semaphore(window));
        return submit(n, threads, i -> {
            Semaphore free = places.get();
            free.acquireUninterruptibly();
            CompletableFuture<T> acked;
            try {
                acked = submitOne.apply(i);
            } catch (RuntimeException e) {
                free.release();
                throw e;
            }
            acked.whenComplete((v, e) -> free.release());
            return acked;
        });
    }

    /** Waits for all futures. */
    public static void awaitAll(List<? extends CompletableFuture<?>> futures) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    }
}
