package dev.causa.bench.peer;

import dev.causa.bench.Clients;
import dev.causa.bench.Result;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The peers' workload, the same as causa's: n no-op jobs enqueued one by one by a few client threads (each
 * enqueue committed before the client goes on), run to completion; the clock stops when the peer's own store
 * says all of them finished. Completion is read by polling the store, as the peers offer no completion future.
 */
final class PeerRun {

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
        while (finished.getAsLong() < first + n) Thread.sleep(10);
        return (System.nanoTime() - t0) / 1e9;
    }

    static void print(String peer, long n, double seconds) {
        Result.print("throughput." + peer, n / seconds, "jobs/s");
    }
}
