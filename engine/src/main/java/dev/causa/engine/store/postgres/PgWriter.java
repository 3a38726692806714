package dev.causa.engine.store.postgres;

import dev.causa.engine.store.Lease;
import dev.causa.engine.store.LeaseLostException;
import dev.causa.engine.store.StoreException;
import dev.causa.engine.store.postgres.JobRows.ActionRow;
import dev.causa.engine.store.postgres.JobRows.JobRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of jobs and action runs (group commit). Writes are handed over as they come and applied by one
 * thread in the order they were handed over: whatever is waiting goes into one transaction, consecutive writes of
 * one kind as one JDBC batch, and the commit ({@code synchronous_commit} on) is the acknowledgement of all of them.
 * A write under a lease that matches no row (the lease was lost) fails on its own; the others still commit. If the
 * transaction fails, each write is tried again in its own, so one bad write cannot fail its neighbours.
 *
 * <p>A write that makes a job claimable also notifies {@code causa_work} in the same transaction: idle nodes wake
 * once the job can be seen.
 */
final class PgWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PgWriter.class);
    private static final int MAX_BATCH = 500;

    /** A change waiting to be written; {@code done} completes when it is durable. */
    sealed interface Write {
        CompletableFuture<Void> done();
    }

    /** New jobs, with the action run that dispatched them (or none). */
    record Insert(ActionRow action, List<JobRow> jobs, CompletableFuture<Void> done) implements Write {
    }

    record SaveJob(JobRow job, CompletableFuture<Void> done) implements Write {
    }

    record SaveAction(ActionRow action, CompletableFuture<Void> done) implements Write {
    }

    /** A change under a lease; {@code release} also ends the lease. */
    record Leased(JobRow job, Lease lease, boolean release, CompletableFuture<Void> done) implements Write {
    }

    private static final String INSERT_ACTION = "INSERT INTO actions (id, action_type, initiated_by, status, record)"
            + " VALUES (?, ?, ?, ?, ?::jsonb)";
    private static final String INSERT_JOB = "INSERT INTO jobs (" + JobRows.JOB_COLUMNS + ") VALUES ("
            + JobRows.JOB_VALUES + ")";
    private static final String SAVE_JOB = INSERT_JOB + " ON CONFLICT (id) DO UPDATE SET state = excluded.state,"
            + " priority = excluded.priority, next_run_at = excluded.next_run_at,"
            + " resume_on_start = excluded.resume_on_start, record = excluded.record";
    private static final String SAVE_ACTION = INSERT_ACTION + " ON CONFLICT (id) DO UPDATE SET"
            + " status = excluded.status, record = excluded.record";
    private static final String LEASED = "UPDATE jobs SET " + JobRows.JOB_CHANGES + ","
            + " locked_by = CASE WHEN ? THEN NULL ELSE locked_by END,"
            + " lease_until = CASE WHEN ? THEN NULL ELSE lease_until END"
            + " WHERE id = ? AND locked_by = ? AND lease_token = ?";

    private final DataSource pool;
    private final BlockingQueue<Write> pending = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;

    PgWriter(DataSource pool) {
        this.pool = pool;
        this.thread = Thread.ofPlatform().name("causa-pg-writer").daemon(true).start(this::loop);
    }

    /** Queues a write; its future completes once it is committed, or exceptionally. */
    <W extends Write> CompletableFuture<Void> submit(W write) {
        if (closing) {
            write.done().completeExceptionally(new StoreException("the store is closed"));
        } else {
            pending.add(write);
        }
        return write.done();
    }

    private void loop() {
        List<Write> batch = new ArrayList<>();
        while (!(closing && pending.isEmpty())) {
            try {
                Write first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                pending.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("PostgreSQL writer failed", e);
                for (Write w : batch) w.done().completeExceptionally(e);
            }
            batch.clear();
        }
    }

    private void write(List<Write> batch) {
        List<Runnable> outcomes = new ArrayList<>(batch.size());
        try {
            transaction(batch, outcomes);
            outcomes.forEach(Runnable::run);
        } catch (SQLException e) {
            if (batch.size() == 1 || connectionLost(e)) {
                for (Write w : batch) fail(w, e);
                return;
            }
            for (Write w : batch) { // on its own, so only the faulty write fails
                outcomes.clear();
                try {
                    transaction(List.of(w), outcomes);
                    outcomes.forEach(Runnable::run);
                } catch (SQLException alone) {
                    fail(w, alone);
                }
            }
        }
    }

    /** No connection to the server (class 08, or the pool found none in time): trying each write alone is futile. */
    static boolean connectionLost(SQLException e) {
        return e instanceof java.sql.SQLTransientConnectionException
                || e.getSQLState() != null && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P"));
    }

    private static void fail(Write w, SQLException e) {
        w.done().completeExceptionally(new StoreException("PostgreSQL write failed: " + e.getMessage(), e));
    }

    /** Writes {@code batch} in one transaction; {@code outcomes} gets what to do with each future after it. */
    private void transaction(List<Write> batch, List<Runnable> outcomes) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean wake = false;
                int i = 0;
                while (i < batch.size()) {
                    int end = i + 1;
                    while (end < batch.size() && batch.get(end).getClass() == batch.get(i).getClass()) end++;
                    wake |= run(c, batch.subList(i, end), outcomes);
                    i = end;
                }
                if (wake) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_notify('" + PgListener.WORK + "', '')");
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                outcomes.clear();
                PostgresStore.rollback(c, e);
                throw e;
            }
        }
    }

    /** Writes a run of writes of one kind; true if one of them made a job claimable. */
    private static boolean run(Connection c, List<Write> writes, List<Runnable> outcomes) throws SQLException {
        boolean wake = false;
        switch (writes.getFirst()) {
            case Insert ignored -> {
                try (PreparedStatement actions = c.prepareStatement(INSERT_ACTION);
                     PreparedStatement jobs = c.prepareStatement(INSERT_JOB)) {
                    int actionRows = 0;
                    int jobRows = 0;
                    for (Write w : writes) {
                        Insert insert = (Insert) w;
                        if (insert.action() != null) {
                            JobRows.bindAction(actions, 1, insert.action());
                            actions.addBatch();
                            actionRows++;
                        }
                        for (JobRow job : insert.jobs()) {
                            JobRows.bindInsert(jobs, 1, job);
                            jobs.addBatch();
                            jobRows++;
                            wake |= job.claimable();
                        }
                    }
                    if (actionRows > 0) actions.executeBatch();
                    if (jobRows > 0) jobs.executeBatch();
                }
                succeed(writes, outcomes);
            }
            case SaveJob ignored -> {
                try (PreparedStatement s = c.prepareStatement(SAVE_JOB)) {
                    for (Write w : writes) {
                        JobRow job = ((SaveJob) w).job();
                        JobRows.bindInsert(s, 1, job);
                        s.addBatch();
                        wake |= job.claimable();
                    }
                    s.executeBatch();
                }
                succeed(writes, outcomes);
            }
            case SaveAction ignored -> {
                try (PreparedStatement s = c.prepareStatement(SAVE_ACTION)) {
                    for (Write w : writes) {
                        JobRows.bindAction(s, 1, ((SaveAction) w).action());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                succeed(writes, outcomes);
            }
            case Leased ignored -> {
                try (PreparedStatement s = c.prepareStatement(LEASED)) {
                    for (Write w : writes) {
                        Leased l = (Leased) w;
                        int at = JobRows.bindChanges(s, 1, l.job());
                        s.setBoolean(at++, l.release());
                        s.setBoolean(at++, l.release());
                        s.setString(at++, l.lease().jobId());
                        s.setString(at++, l.lease().node());
                        s.setLong(at, l.lease().token());
                        s.addBatch();
                    }
                    int[] counts = s.executeBatch();
                    for (int k = 0; k < writes.size(); k++) {
                        Leased l = (Leased) writes.get(k);
                        if (counts[k] == 0) {
                            outcomes.add(() -> l.done().completeExceptionally(new LeaseLostException(l.lease())));
                        } else {
                            outcomes.add(() -> l.done().complete(null));
                            wake |= l.release() && l.job().claimable();
                        }
                    }
                }
            }
        }
        return wake;
    }

    private static void succeed(List<Write> writes, List<Runnable> outcomes) {
        for (Write w : writes) outcomes.add(() -> w.done().complete(null));
    }

    /** Writes what is waiting, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Write left;
        while ((left = pending.poll()) != null) {
            left.done().completeExceptionally(new StoreException("the store closed before the write"));
        }
    }
}
