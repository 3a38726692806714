package dev.causa.engine.store.postgres;

import dev.causa.engine.model.JobRecord;
import dev.causa.engine.store.Claim;
import dev.causa.engine.store.Lease;
import dev.causa.engine.store.LeaseLostException;
import dev.causa.engine.store.StoreException;
import dev.causa.engine.store.WorkQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The work queue on the {@code jobs} table (DESIGN §11). A lease is three columns of the job's row: the node that
 * holds it ({@code locked_by}), until when ({@code lease_until}) and the claim's number ({@code lease_token}, from
 * a sequence). A claim is one transaction:
 * <ol>
 * <li>the job types that have open jobs (a skip scan of a small index), tested against the node's {@code canRun};
 * <li>for each limited type, a transaction-level advisory lock and a count of its live leases, so two nodes cannot
 *     both see room for the last slot;
 * <li>one {@code UPDATE ... WHERE id IN (SELECT ... ORDER BY priority DESC, id LIMIT n FOR UPDATE SKIP LOCKED)}
 *     that takes the leases; concurrent claimers skip each other's rows instead of waiting.
 * </ol>
 * A change under a lease is an update of the row guarded by node and token: no row, no change
 * ({@link LeaseLostException}). Those writes go through the {@link PgWriter}, in order with the job's other writes.
 */
final class PgWorkQueue implements WorkQueue {

    /** Claimable: an open job with no live lease, due if queued, to be resumed if paused. */
    private static final String CLAIMABLE = "state IN ('queued', 'running', 'paused')"
            + " AND (state <> 'queued' OR next_run_at IS NULL OR next_run_at <= now())"
            + " AND (state <> 'paused' OR resume_on_start)"
            + " AND (locked_by IS NULL OR lease_until IS NULL OR lease_until < now())";

    private static final String OPEN_TYPES = "WITH RECURSIVE t(job_type) AS ("
            + " (SELECT job_type FROM jobs WHERE state IN ('queued', 'running', 'paused') ORDER BY job_type LIMIT 1)"
            + " UNION ALL SELECT (SELECT j.job_type FROM jobs j WHERE j.state IN ('queued', 'running', 'paused')"
            + " AND j.job_type > t.job_type ORDER BY j.job_type LIMIT 1) FROM t WHERE t.job_type IS NOT NULL)"
            + " SELECT job_type FROM t WHERE job_type IS NOT NULL";

    private static final String LIVE_LEASES = "SELECT job_type, count(*) FROM jobs WHERE locked_by IS NOT NULL"
            + " AND lease_until >= now() AND job_type = ANY(?) GROUP BY job_type";

    private static final String CLAIM = "UPDATE jobs j SET locked_by = ?,"
            + " lease_until = now() + ? * interval '1 millisecond', lease_token = nextval('causa_lease_token')"
            + " FROM (SELECT id, locked_by AS previous FROM jobs WHERE " + CLAIMABLE + " AND job_type = ANY(?)"
            + " ORDER BY priority DESC, id LIMIT ? FOR UPDATE SKIP LOCKED) c"
            + " WHERE j.id = c.id RETURNING j.record, j.lease_token, c.previous";

    /**
     * A claim does not wait for its commit to reach the disk: that would double the flushes per job. If the server
     * crashes before the claim is flushed, the claim is undone and the job is claimable again; the node that thought
     * it held it finds out at its first write under the lease ({@link LeaseLostException}), and that write cannot
     * have been flushed before the claim (the log is written in order), so a job still settles once.
     */
    private static final String ASYNC_COMMIT = "SET LOCAL synchronous_commit = off";

    private static final String RENEW = "UPDATE jobs SET lease_until = now() + ? * interval '1 millisecond'"
            + " WHERE id = ANY(?) AND locked_by = ? AND lease_until IS NOT NULL RETURNING id";

    private final DataSource pool;
    private final PgWriter writer;
    private final PgListener listener;
    /** The nodes that claimed through this store: their leases end when it closes. */
    private final Set<String> claimers = ConcurrentHashMap.newKeySet();

    PgWorkQueue(DataSource pool, PgWriter writer, PgListener listener) {
        this.pool = pool;
        this.writer = writer;
        this.listener = listener;
    }

    @Override
    public List<Claim> claim(String node, int max, Predicate<String> canRun, Map<String, Integer> limits,
                             Duration lease) {
        if (max <= 0) return List.of();
        claimers.add(node);
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (var async = c.createStatement()) {
                    async.execute(ASYNC_COMMIT);
                }
                List<Claim> claims = claim(c, node, max, canRun, limits, lease.toMillis());
                c.commit();
                claims.sort(Comparator.comparing((Claim cl) -> -cl.job().priority).thenComparing(cl -> cl.job().id));
                return claims;
            } catch (SQLException | RuntimeException e) {
                PostgresStore.rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("claiming jobs in PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    private List<Claim> claim(Connection c, String node, int max, Predicate<String> canRun,
                              Map<String, Integer> limits, long leaseMillis) throws SQLException {
        Set<String> types = new TreeSet<>();
        try (PreparedStatement s = c.prepareStatement(OPEN_TYPES); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String type = rs.getString(1);
                if (canRun.test(type)) types.add(type);
            }
        }
        if (types.isEmpty()) return new ArrayList<>();
        Map<String, Integer> room = room(c, types, limits);
        types.removeIf(t -> room.containsKey(t) && room.get(t) <= 0);
        boolean tight = room.values().stream().anyMatch(r -> r > 0 && r < max);
        if (!tight) return take(c, node, max, types, leaseMillis);
        // some type has room for fewer than max: one job at a time, so the claim order stays global
        List<Claim> claims = new ArrayList<>();
        while (claims.size() < max && !types.isEmpty()) {
            List<Claim> one = take(c, node, 1, types, leaseMillis);
            if (one.isEmpty()) break;
            claims.addAll(one);
            String type = one.getFirst().job().jobType;
            if (room.containsKey(type) && room.merge(type, -1, Integer::sum) <= 0) types.remove(type);
        }
        return claims;
    }

    /** For each limited type among {@code types}: how many more leases it may have now, across every node. */
    private static Map<String, Integer> room(Connection c, Set<String> types, Map<String, Integer> limits)
            throws SQLException {
        List<String> limited = types.stream().filter(limits::containsKey).toList(); // sorted: locks in one order
        Map<String, Integer> room = new HashMap<>();
        if (limited.isEmpty()) return room;
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            for (String type : limited) {
                lock.setInt(1, 0x63617573);
                lock.setString(2, type);
                lock.executeQuery().close();
            }
        }
        for (String type : limited) room.put(type, limits.get(type));
        try (PreparedStatement s = c.prepareStatement(LIVE_LEASES)) {
            s.setArray(1, c.createArrayOf("text", limited.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) room.merge(rs.getString(1), -(int) rs.getLong(2), Integer::sum);
            }
        }
        return room;
    }

    private static List<Claim> take(Connection c, String node, int max, Set<String> types, long leaseMillis)
            throws SQLException {
        List<Claim> claims = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setString(1, node);
            s.setLong(2, leaseMillis);
            s.setArray(3, c.createArrayOf("text", types.toArray()));
            s.setInt(4, max);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    JobRecord job = JobRows.job(rs.getString(1));
                    Lease lease = new Lease(job.id, node, rs.getLong(2));
                    claims.add(new Claim(job, lease, rs.getString(3)));
                }
            }
        }
        return claims;
    }

    @Override
    public List<String> renew(String node, Collection<String> jobIds, Duration lease) {
        if (jobIds.isEmpty()) return List.of();
        Set<String> renewed = new HashSet<>();
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(RENEW)) {
            s.setLong(1, lease.toMillis());
            s.setArray(2, c.createArrayOf("text", jobIds.toArray()));
            s.setString(3, node);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) renewed.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreException("renewing leases in PostgreSQL failed: " + e.getMessage(), e);
        }
        return jobIds.stream().filter(id -> !renewed.contains(id)).toList();
    }

    @Override
    public CompletableFuture<Void> release(Lease lease, JobRecord job) {
        JobRows.JobRow row = JobRows.row(job);
        return writer.submit(new PgWriter.Leased(row, lease, true, new CompletableFuture<>()));
    }

    @Override
    public CompletableFuture<Void> update(Lease lease, JobRecord job) {
        JobRows.JobRow row = JobRows.row(job);
        return writer.submit(new PgWriter.Leased(row, lease, false, new CompletableFuture<>()));
    }

    @Override
    public java.util.Optional<String> leaseHolder(String jobId) {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("SELECT locked_by FROM jobs"
                + " WHERE id = ? AND locked_by IS NOT NULL AND lease_until >= now()")) {
            s.setString(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading a lease in PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void onWork(Runnable wake) {
        listener.onWork(wake);
    }

    /**
     * Ends the leases of the nodes that claimed through this store (the process is going away): their jobs are
     * claimable at once, and a claim names the node that held them. Tells the other nodes.
     */
    void endLeases(Connection c) throws SQLException {
        if (claimers.isEmpty()) return;
        try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET lease_until = NULL"
                + " WHERE locked_by = ANY(?) AND lease_until IS NOT NULL")) {
            s.setArray(1, c.createArrayOf("text", claimers.toArray()));
            if (s.executeUpdate() > 0) {
                try (var notify = c.createStatement()) {
                    notify.execute("SELECT pg_notify('" + PgListener.WORK + "', '')");
                }
            }
        }
    }
}
