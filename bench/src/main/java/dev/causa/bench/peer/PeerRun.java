package dev.causa.bench.peer;

import dev.causa.bench.Clients;
import dev.causa.bench.Result;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The peers' workload, the same as causa's: n no-op jobs enqueued one by one by a few client threads (each
 * enqueue committed before the client goes on), run to completion. The peers offer no completion future, so the
 * handlers count their runs ({@link #ran}); once all have run, the peer's own store is asked (every 50 ms, so as
 * not to load the database while the peer works) until it records all of them as finished.
 */
final class PeerRun {

    /** Incremented by the peers' no-op handlers. */
    static final LongAdder ran = new LongAdder();

    private PeerRun() {
    }

    /**
     * @param enqueue  enqueues job number i
     * @param finished how many jobs the store records as finished so far
     * @return seconds from the first enqueue to the last job finished
     */
    static double time(long first, long n, int clients, LongConsumer enqueue, LongSupplier finished)
            throws InterruptedException {
        long t0 = System.nanoTime();
        Clients.submit(n, clients, i -> {
            enqueue.accept(first + i);
            return Boolean.TRUE;
        });
        while (ran.sum() < first + n) Thread.sleep(5);
        while (finished.getAsLong() < first + n) Thread.sleep(50);
        return (System.nanoTime() - t0) / 1e9;
    }

    static void print(String peer, long n, double seconds) {
        Result.print("throughput." + peer, n / seconds, "jobs/s");
    }
}
