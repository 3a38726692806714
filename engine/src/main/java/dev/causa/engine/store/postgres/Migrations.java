package dev.causa.engine.store.postgres;

import dev.causa.engine.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a database to the schema this build knows (DESIGN §11): the SQL scripts
 * {@code db/postgresql/V<n>__<what>.sql}, each applied once, recorded in {@code causa_schema(version, applied_at)}.
 * Everything runs in one transaction under a transaction-level advisory lock, so nodes starting together on an
 * empty database migrate it once (the others wait, then find it done), and a failed script leaves nothing behind.
 * A database already at a newer version than this build knows is refused: this build would misread it.
 *
 * <p>Why not Flyway: we need four things (ordered scripts, a version table, a lock, refusing a newer schema), which
 * take this one small class. Flyway 13.12.2 would add 0.9 MB of jars (flyway-core 822 KB, flyway-database-postgresql
 * 33 KB, which also pulls the CockroachDB module), scan for scripts, validate checksums and take its own lock table
 * at every start, and log in its own words: costs paid by every REPL and one-shot command that opens the store.
 * (Its start-up time was not measured.)
 */
final class Migrations {

    /** The scripts, oldest first; a script's version is the number after its {@code V}. */
    static final List<String> SCRIPTS = List.of("V1__jobs_actions_nodes.sql", "V2__node_job_types.sql");

    /** The schema version this build knows. */
    static final int LATEST = version(SCRIPTS.getLast());

    /** The key of the advisory lock that serializes migrations ("causa" in ASCII). */
    private static final long LOCK = 0x6361757361L;

    private Migrations() {
    }

    /**
     * Applies the scripts the database lacks.
     *
     * @return the versions applied now (empty if the database was up to date)
     * @throws StoreException if the database's schema is newer than this build knows
     */
    static List<Integer> migrate(Connection c, String where) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            s.execute("CREATE TABLE IF NOT EXISTS causa_schema (version int PRIMARY KEY,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            int current;
            try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM causa_schema")) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current > LATEST) {
                throw new StoreException("the causa schema in " + where + " is version " + current
                        + ", newer than this causa knows (" + LATEST + "): upgrade causa");
            }
            List<Integer> applied = new java.util.ArrayList<>();
            for (String script : SCRIPTS) {
                int version = version(script);
                if (version <= current) continue;
                s.execute(read(script));
                try (PreparedStatement record = c.prepareStatement("INSERT INTO causa_schema (version) VALUES (?)")) {
                    record.setInt(1, version);
                    record.executeUpdate();
                }
                applied.add(version);
            }
            c.commit();
            return applied;
        } catch (SQLException | RuntimeException e) {
            PostgresStore.rollback(c, e);
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/postgresql/" + script)) {
            if (in == null) throw new IllegalStateException("migration script missing from the build: " + script);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
