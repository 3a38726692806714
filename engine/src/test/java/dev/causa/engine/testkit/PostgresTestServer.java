package dev.causa.engine.testkit;

import dev.causa.engine.store.postgres.PgUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server for tests, and a fresh database on it per test class.
 *
 * <p>The server: {@code CAUSA_TEST_PG} (an admin URL such as {@code postgresql://causa:causa@127.0.0.1:5432/postgres}
 * whose user may create databases) if set; otherwise, when running as root on a machine with Debian's
 * {@code pg_ctlcluster}, the local cluster, started if it is not running, with a role {@code causa} (password
 * {@code causa}, CREATEDB) made if missing. Otherwise the tests fail with a message saying what to do: they are
 * never skipped.
 */
public final class PostgresTestServer {

    private static final String LOCAL_ADMIN = "postgresql://causa:causa@127.0.0.1:5432/postgres";
    private static PgUrl admin;

    private PostgresTestServer() {
    }

    /** The store URL of a new empty database; drop it with {@link #drop}. */
    public static String freshDatabase() {
        PgUrl server = admin();
        String name = "causa_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(server, "CREATE DATABASE " + name);
        return "postgresql://" + server.user() + ":" + server.password() + "@" + server.host() + ":" + server.port()
                + "/" + name;
    }

    /** Drops the database of {@code storeUrl}, closing whatever connections are left on it. */
    public static void drop(String storeUrl) {
        String name = PgUrl.parse(storeUrl).database();
        if (!name.startsWith("causa_test_")) throw new IllegalArgumentException("not a test database: " + name);
        execute(admin(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Runs one statement as the admin user, on the database of {@code url}. */
    public static void execute(PgUrl url, String sql) {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test server: " + e.getMessage() + " (" + sql + ")", e);
        }
    }

    public static Connection connect(PgUrl url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", url.user());
        if (url.password() != null) p.setProperty("password", url.password());
        return DriverManager.getConnection(url.jdbcUrl(), p);
    }

    static synchronized PgUrl admin() {
        if (admin != null) return admin;
        String given = System.getenv("CAUSA_TEST_PG");
        if (given != null && !given.isBlank()) {
            admin = PgUrl.parse(given.strip());
        } else if (isRoot() && Files.isExecutable(Path.of("/usr/bin/pg_ctlcluster"))) {
            startLocalCluster();
            admin = PgUrl.parse(LOCAL_ADMIN);
        } else {
            throw new IllegalStateException("the PostgreSQL tests need a server: set CAUSA_TEST_PG to an admin URL"
                    + " (postgresql://user:password@host:port/postgres, a user that may CREATE DATABASE), or run"
                    + " them as root on a machine with PostgreSQL installed (apt-get install postgresql)");
        }
        return admin;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Starts the local cluster (the first one pg_lsclusters lists, else 15/main) and makes the role causa. */
    private static void startLocalCluster() {
        String version = "15";
        String cluster = "main";
        String listed = run(List.of("pg_lsclusters", "-h"), true).strip();
        if (!listed.isEmpty()) {
            String[] first = listed.lines().findFirst().orElseThrow().trim().split("\\s+");
            version = first[0];
            cluster = first[1];
        }
        // "already running" is fine; any other failure shows below, when the server cannot be reached
        String started = run(List.of("pg_ctlcluster", version, cluster, "start"), true).strip();
        String role = "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'causa') THEN"
                + " CREATE ROLE causa LOGIN CREATEDB PASSWORD 'causa'; END IF; END $$";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                run(List.of("runuser", "-u", "postgres", "--", "psql", "-v", "ON_ERROR_STOP=1", "-qc", role), false);
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL " + version + "/" + cluster + " is not usable ("
                            + "pg_ctlcluster start said: " + started + "): " + e.getMessage(), e);
                }
                sleep(500); // the server is still starting
            }
        }
    }

    private static String run(List<String> command, boolean tolerateFailure) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            if (code != 0 && !tolerateFailure) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + code + "): " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
