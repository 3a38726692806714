package dev.causa.bench.peer;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.BackgroundJobRequest;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.h2.H2StorageProvider;

/**
 * JobRunr (open-source edition) on an H2 file database: no-op job requests (JobRunr's recommended style, which
 * needs no lambda analysis), its background job server with the smallest poll interval it accepts (5 s; it also
 * fetches more work as soon as workers run dry), and its default worker count for this machine unless given.
 */
public final class JobRunrThroughput {

    /** A no-op job request; a public field and no-arg constructor so JobRunr's JSON mapper can store it. */
    public static final class NoOpRequest implements JobRequest {
        public long n;

        public NoOpRequest() {
        }

        NoOpRequest(long n) {
            this.n = n;
        }

        @Override
        public Class<NoOpHandler> getJobRequestHandler() {
            return NoOpHandler.class;
        }
    }

    /** Does nothing. */
    public static final class NoOpHandler implements JobRequestHandler<NoOpRequest> {
        @Override
        public void run(NoOpRequest request) {
            PeerRun.ran.increment();
        }
    }

    private JobRunrThroughput() {
    }

    /** @param workers 0 for JobRunr's own default */
    public static void run(Path dir, long n, int clients, int workers) throws InterruptedException {
        try (HikariDataSource ds = H2.fileDatabase(dir, "jobrunr", 10)) {
            StorageProvider storage = new H2StorageProvider(ds);
            BackgroundJobServerConfiguration server = BackgroundJobServerConfiguration
                    .usingStandardBackgroundJobServerConfiguration().andPollInterval(Duration.ofSeconds(5));
            if (workers > 0) server = server.andWorkerCount(workers);
            JobActivator activator = new JobActivator() {
                @Override
                public <T> T activateJob(Class<T> type) {
                    return type == NoOpHandler.class ? type.cast(new NoOpHandler()) : null;
                }
            };
            JobRunr.configure().useStorageProvider(storage).useJobActivator(activator)
                    .useBackgroundJobServer(server).initialize();
            System.out.println("jobrunr: " + JobRunr.getBackgroundJobServer().getServerStatus().getWorkerPoolSize()
                    + " workers (" + (workers > 0 ? "given" : "its default for "
                    + Runtime.getRuntime().availableProcessors() + " cores") + "), poll interval 5 s, H2 file");
            long warmup = Math.max(200, Math.min(2_000, n / 10));
            PeerRun.time(0, warmup, clients, i -> BackgroundJobRequest.enqueue(new NoOpRequest(i)),
                    () -> storage.countJobs(StateName.SUCCEEDED));
            double seconds = PeerRun.time(warmup, n, clients, i -> BackgroundJobRequest.enqueue(new NoOpRequest(i)),
                    () -> storage.countJobs(StateName.SUCCEEDED));
            PeerRun.print("jobrunr", n, seconds);
            JobRunr.destroy();
        }
    }
}
