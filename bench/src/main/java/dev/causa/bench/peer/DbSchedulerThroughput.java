package dev.causa.bench.peer;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * db-scheduler on an H2 file database: a one-time no-op task, scheduled for now with immediate execution enabled
 * (its docs' advice for run-now work), a 1 s polling interval, its default polling strategy (H2 has no
 * lock-and-fetch support) and its default 10 threads unless given. A one-time execution's row is deleted when it
 * completes, so "finished" is "no row left".
 */
public final class DbSchedulerThroughput {

    private static final String TABLE = """
            create table if not exists scheduled_tasks (
              task_name varchar(100) not null,
              task_instance varchar(100) not null,
              task_data blob,
              execution_time timestamp with time zone not null,
              picked boolean not null,
              picked_by varchar(50),
              last_success timestamp with time zone,
              last_failure timestamp with time zone,
              consecutive_failures int,
              last_heartbeat timestamp with time zone,
              version bigint not null,
              priority smallint,
              primary key (task_name, task_instance))""";

    private DbSchedulerThroughput() {
    }

    /** @param threads 0 for db-scheduler's default */
    public static void run(Path dir, long n, int clients, int threads) throws Exception {
        try (HikariDataSource ds = H2.fileDatabase(dir, "dbscheduler", 10)) {
            createTable(ds);
            OneTimeTask<Void> noop = Tasks.oneTime("noop").execute((instance, context) -> PeerRun.ran.increment());
            var builder = Scheduler.create(ds, noop).pollingInterval(Duration.ofSeconds(1)).enableImmediateExecution();
            if (threads > 0) builder = builder.threads(threads);
            Scheduler scheduler = builder.build();
            scheduler.start();
            System.out.println("db-scheduler: threads " + (threads > 0 ? threads : "default (10)")
                    + ", polling 1 s, immediate execution, H2 file");
            long warmup = Math.max(200, Math.min(2_000, n / 10));
            PeerRun.time(0, warmup, clients, i -> scheduler.schedule(noop.instance("job-" + i), Instant.now()),
                    () -> warmup - remaining(ds));
            double seconds = PeerRun.time(warmup, n, clients,
                    i -> scheduler.schedule(noop.instance("job-" + i), Instant.now()),
                    () -> warmup + n - remaining(ds));
            PeerRun.print("dbscheduler", n, seconds);
            scheduler.stop();
        }
    }

    private static void createTable(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(TABLE);
            s.execute("create index if not exists execution_time_idx on scheduled_tasks (execution_time)");
            s.execute("create index if not exists last_heartbeat_idx on scheduled_tasks (last_heartbeat)");
            s.execute("create index if not exists priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)");
        }
    }

    private static long remaining(HikariDataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from scheduled_tasks")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
