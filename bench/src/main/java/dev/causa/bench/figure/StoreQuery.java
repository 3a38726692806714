package dev.causa.bench.figure;

import dev.causa.bench.Result;
import dev.causa.bench.Sizes;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.store.mapdb.MapDbRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * In a fresh process on the store {@link StoreFill} built: the time to list the 1,000 newest jobs of one action
 * type through its index, against the same listing by a full scan ({@code ratio.index_vs_scan} = scan time over
 * index time), then the resident memory of the process holding the store open and idle after the listing.
 */
public final class StoreQuery {

    private static final int LIMIT = 1_000;
    /** Listings before the measured ones; the first one, cold, is reported apart. */
    private static final int WARMUP = 200;

    private StoreQuery() {
    }

    public static void run(Path dir, long n) throws IOException, InterruptedException {
        String label = Sizes.label(n);
        JobQuery query = new JobQuery(StoreFill.QUERIED, null, null, null, LIMIT);
        try (MapDbRecords store = MapDbRecords.open(StoreFill.storeFile(dir))) {
            long cold = time(() -> store.jobs(query).items());
            // steady state, as a benchmark harness measures it: the JIT has compiled the listing path (MapDB's
            // node reads are several times slower before that) and the pages it touches are mapped
            for (int i = 0; i < WARMUP; i++) store.jobs(query);
            long indexed = median(9, () -> store.jobs(query).items());
            long scan = median(3, () -> store.jobsByFullScan(query));
            List<String> byIndex = store.jobs(query).items().stream().map(j -> j.id).toList();
            List<String> byScan = store.jobsByFullScan(query).stream().map(j -> j.id).toList();
            long expected = Math.min(LIMIT, (n + StoreFill.QUERIED_EVERY - 1) / StoreFill.QUERIED_EVERY);
            Check.that(byIndex.size() == expected && byIndex.equals(byScan),
                    "index and scan disagree: " + byIndex.size() + " vs " + byScan.size() + " jobs");
            Result.print("query.action_type_" + label + "_cold_ms", cold / 1e6, "ms");
            Result.print("query.action_type_" + label + "_ms", indexed / 1e6, "ms");
            Result.print("query.full_scan_" + label + "_ms", scan / 1e6, "ms");
            Result.print("ratio.index_vs_scan", (double) scan / indexed, "x");

            System.gc();
            Thread.sleep(2_000);
            Result.print("memory." + label + "_jobs_rss_mb", rssKb() / 1024.0, "MB");
            Runtime rt = Runtime.getRuntime();
            Result.print("memory." + label + "_jobs_heap_used_mb", (rt.totalMemory() - rt.freeMemory()) / 1e6 / 1.048576,
                    "MB");
        }
    }

    private static long time(Supplier<List<JobRecord>> listing) {
        long t0 = System.nanoTime();
        listing.get();
        return System.nanoTime() - t0;
    }

    private static long median(int runs, Supplier<List<JobRecord>> listing) {
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) t[i] = time(listing);
        Arrays.sort(t);
        return t[runs / 2];
    }

    /** VmRSS of this process, in kB, from /proc. */
    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
