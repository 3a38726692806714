package dev.causa.engine.store.postgres;

import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.ActionQuery;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.store.Page;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Jobs and action runs in PostgreSQL. Writes go to the {@link PgWriter} (one transaction per group of writes, the
 * commit is the acknowledgement); reads and listings are plain queries on a pooled connection, each served by an
 * index in id order (newest first), paged by {@code id < cursor}.
 */
final class PgRecords implements RecordStore {

    /** How many of the newest jobs a search by the end of an id looks through. */
    static final int RECENT_JOBS = 10_000;

    private final DataSource pool;
    private final PgWriter writer;

    PgRecords(DataSource pool, PgWriter writer) {
        this.pool = pool;
        this.writer = writer;
    }

    @Override
    public CompletableFuture<Void> insert(ActionRecord action, List<JobRecord> jobs) {
        return writer.submit(new PgWriter.Insert(JobRows.row(action), rows(jobs), new CompletableFuture<>()));
    }

    @Override
    public CompletableFuture<Void> insert(List<JobRecord> jobs) {
        if (jobs.isEmpty()) return CompletableFuture.completedFuture(null);
        return writer.submit(new PgWriter.Insert(null, rows(jobs), new CompletableFuture<>()));
    }

    private static List<JobRows.JobRow> rows(List<JobRecord> jobs) {
        List<JobRows.JobRow> rows = new ArrayList<>(jobs.size());
        for (JobRecord job : jobs) {
            rows.add(JobRows.row(job));
        }
        return rows;
    }

    /** Stores the job's fields; a lease on it (held by any node) is left as it is. */
    @Override
    public CompletableFuture<Void> update(JobRecord job) {
        JobRows.JobRow row = JobRows.row(job);
        return writer.submit(new PgWriter.SaveJob(row, new CompletableFuture<>()));
    }

    @Override
    public CompletableFuture<Void> update(ActionRecord action) {
        return writer.submit(new PgWriter.SaveAction(JobRows.row(action), new CompletableFuture<>()));
    }

    @Override
    public Optional<JobRecord> job(String id) {
        List<JobRecord> found = query("SELECT record FROM jobs WHERE id = ?", List.of(canonical(id)),
                rs -> JobRows.job(rs.getString(1)));
        return found.stream().findFirst();
    }

    @Override
    public Optional<ActionRecord> action(String id) {
        List<ActionRecord> found = query("SELECT record FROM actions WHERE id = ?", List.of(canonical(id)),
                rs -> JobRows.action(rs.getString(1)));
        return found.stream().findFirst();
    }

    @Override
    public Page<JobRecord> jobs(JobQuery q) {
        Where where = new Where()
                .and("action_type", q.actionType())
                .and("state", q.state() == null ? null : q.state().label())
                .and("action_id", q.actionId())
                .and("parent_job_id", q.parentJobId())
                .and("initiated_by", q.initiatedBy())
                .before(q.cursor());
        List<JobRecord> items = query("SELECT record FROM jobs" + where.sql() + " ORDER BY id DESC" + limit(q.limit()),
                where.params(), rs -> JobRows.job(rs.getString(1)));
        return page(items, q.limit(), j -> j.id);
    }

    @Override
    public Page<ActionRecord> actions(ActionQuery q) {
        Where where = new Where()
                .and("action_type", q.actionType())
                .and("initiated_by", q.initiatedBy())
                .before(q.cursor());
        List<ActionRecord> items = query("SELECT record FROM actions" + where.sql() + " ORDER BY id DESC"
                + limit(q.limit()), where.params(), rs -> JobRows.action(rs.getString(1)));
        return page(items, q.limit(), a -> a.id);
    }

    private static <T> Page<T> page(List<T> items, int limit, Function<T, String> id) {
        return new Page<>(items, limit > 0 && items.size() == limit ? id.apply(items.getLast()) : null);
    }

    private static String limit(int limit) {
        return limit > 0 ? " LIMIT " + limit : "";
    }

    @Override
    public List<String> jobIdsMatching(String partial, int limit) {
        List<String> byPrefix = idsStartingWith("jobs", partial, limit);
        if (!byPrefix.isEmpty() || partial.length() < 4) return byPrefix;
        String suffix = partial.toUpperCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_");
        return query("SELECT id FROM (SELECT id FROM jobs ORDER BY id DESC LIMIT " + RECENT_JOBS + ") recent"
                + " WHERE id LIKE ? ORDER BY id DESC LIMIT " + Math.max(1, limit), List.of("%" + suffix),
                rs -> rs.getString(1));
    }

    @Override
    public List<String> actionIdsStartingWith(String prefix, int limit) {
        return idsStartingWith("actions", prefix, limit);
    }

    /** A prefix of an id is a range of ids (Crockford's spelling: lower case, O for 0, I and L for 1). */
    private List<String> idsStartingWith(String table, String prefix, int limit) {
        long[] range = Ids.range(prefix);
        if (range == null) return List.of();
        return query("SELECT id FROM " + table + " WHERE id BETWEEN ? AND ? ORDER BY id DESC LIMIT "
                + Math.max(1, limit), List.of(Ids.text(range[0]), Ids.text(range[1])), rs -> rs.getString(1));
    }

    @Override
    public Map<JobState, Long> countByState() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        query("SELECT state, count(*) FROM jobs GROUP BY state", List.of(),
                rs -> counts.put(JobRows.state(rs.getString(1)), rs.getLong(2)));
        return counts;
    }

    /** An id as stored: ids are upper case, a user may type them otherwise. */
    private static String canonical(String id) {
        long parsed = Ids.parse(id);
        return parsed < 0 ? id : Ids.text(parsed);
    }

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<String> params, Row<T> row) {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) s.setString(i + 1, params.get(i));
            List<T> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(row.read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("PostgreSQL query failed: " + e.getMessage(), e);
        }
    }

    /** The filters of a listing; null values match everything. */
    private static final class Where {
        private final StringBuilder sql = new StringBuilder();
        private final List<String> params = new ArrayList<>();

        Where and(String column, String value) {
            if (value != null) {
                sql.append(sql.isEmpty() ? " WHERE " : " AND ").append(column).append(" = ?");
                params.add(value);
            }
            return this;
        }

        Where before(String cursor) {
            if (cursor != null) {
                sql.append(sql.isEmpty() ? " WHERE " : " AND ").append("id < ?");
                params.add(cursor);
            }
            return this;
        }

        String sql() {
            return sql.toString();
        }

        List<String> params() {
            return params;
        }
    }
}
