package dev.causa.bench;

import dev.causa.bench.figure.CausaThroughput;
import dev.causa.bench.figure.ContextOverhead;
import dev.causa.bench.figure.Durability;
import dev.causa.bench.figure.ProgressOverhead;
import dev.causa.bench.figure.Recovery;
import dev.causa.bench.figure.StoreFill;
import dev.causa.bench.figure.StoreQuery;
import dev.causa.bench.peer.DbSchedulerThroughput;
import dev.causa.bench.peer.JobRunrThroughput;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point of a benchmark child process: {@code Bench <figure> <work dir> [numbers...]}. Each figure runs in its
 * own JVM so that engines, heaps and JIT state never share a process; it prints {@code RESULT} lines on stdout.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Bench <figure> <work dir> [args...]");
            System.exit(1);
        }
        Path dir = Path.of(args[1]);
        long[] n = Arrays.stream(args, 2, args.length).mapToLong(Long::parseLong).toArray();
        switch (args[0]) {
            case "causa-throughput" -> CausaThroughput.run(dir, n[0], (int) n[1], (int) n[2], true);
            case "causa-throughput-profile" -> CausaThroughput.run(dir, n[0], (int) n[1], (int) n[2], false);
            case "context-overhead" -> ContextOverhead.run(dir, n[0], (int) n[1]);
            case "progress-overhead" -> ProgressOverhead.run(dir, n[0]);
            case "store-fill" -> StoreFill.run(dir, n[0]);
            case "store-query" -> StoreQuery.run(dir, n[0]);
            case "recovery-crash" -> Recovery.crash(dir, n[0]);
            case "recovery-resume" -> Recovery.resume(dir, n[0]);
            case "durability-verify" -> Durability.verify(dir, n[0]);
            case "jobrunr-throughput" -> JobRunrThroughput.run(dir, n[0], (int) n[1], (int) n[2]);
            case "dbscheduler-throughput" -> DbSchedulerThroughput.run(dir, n[0], (int) n[1], (int) n[2]);
            default -> {
                System.err.println("unknown figure " + args[0]);
                System.exit(1);
            }
        }
        System.exit(0);
    }
}
