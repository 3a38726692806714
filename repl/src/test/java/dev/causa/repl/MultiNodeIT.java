package dev.causa.repl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real node processes (the launcher, as a user starts them) on one PostgreSQL database (DESIGN §11): 10,000
 * jobs of several action runs each complete exactly once; a node killed with SIGKILL mid-run has its jobs finished
 * by the others from their checkpoints; a pause asked by another process stops a job where it runs; any node lists
 * every job with its context.
 *
 * <p>The server: {@code CAUSA_TEST_PG} (an admin URL), else the local Debian cluster, started as root (as the
 * engine's PostgreSQL tests do).
 */
class MultiNodeIT {

    private static final int BATCHES = 4;
    private static final int PER_BATCH = 2_500;
    private static final int LONG_JOBS = 8;
    private static final int LONG_STEPS = 40;

    @TempDir
    Path work;
    private String url;
    private String admin;
    private final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : nodes) {
            if (!p.isAlive()) continue;
            p.getOutputStream().close(); // end of input: the REPL exits as a user's would
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
        }
        if (url != null) admin("DROP DATABASE IF EXISTS " + database(url) + " WITH (FORCE)");
    }

    @Test
    void threeNodesCompleteTenThousandJobsOnceSurviveAKilledNodeAndObeyAPauseFromElsewhere() throws Exception {
        url = freshDatabase();
        Path ledgers = Files.createDirectories(work.resolve("ledgers"));
        Path plugin = PluginLifecycleIT.samplePlugin();
        Cli client = home("client");
        List<Cli> homes = List.of(home("n1"), home("n2"), home("n3"));
        for (Cli h : Stream.concat(Stream.of(client), homes.stream()).toList()) h.ok("plugin", "install", plugin.toString());
        for (int i = 0; i < homes.size(); i++) nodes.add(startNode(homes.get(i), work.resolve("node" + (i + 1) + ".out")));
        awaitAliveNodes(client, 3);

        // long jobs first (older ids: claimed first), then the batches
        dispatch(client, "{\"name\":\"long\",\"jobs\":" + LONG_JOBS + ",\"steps\":"
                + LONG_STEPS + ",\"step_millis\":100,\"ledgers\":\"" + ledgers + "\"}");
        for (int b = 0; b < BATCHES; b++) {
            dispatch(client, "{\"name\":\"b" + b + "\",\"jobs\":" + PER_BATCH + ",\"steps\":1,\"ledgers\":\""
                    + ledgers + "\"}");
        }
        int total = BATCHES * PER_BATCH + LONG_JOBS;
        assertThat(count("SELECT count(*) FROM jobs")).isEqualTo(total);

        // kill -9 the second node while it runs a long job
        Process victim = nodes.get(1);
        String victimNode = awaitNodeRunning(victim.pid());
        assertThat(victim.info().command().orElse("")).as("the JVM itself, not a shell").endsWith("java");
        victim.destroyForcibly().waitFor();
        long killedAt = System.nanoTime();

        // a pause asked by another process (the client) stops a long job where it runs (node 1 or 3)
        String target = awaitLongJobRunningOutside(victimNode);
        Cli.Result paused = client.ok("job", "pause", target);
        assertThat(paused.out()).contains("job " + target + " pause: paused");
        assertThat(count("SELECT count(*) FROM jobs WHERE id = '" + target + "' AND state = 'paused'")).isEqualTo(1);
        client.ok("job", "resume", target, "--detach");

        // the killed node's jobs are taken over
        long rescuedAfter = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (System.nanoTime() < deadline) {
            if (rescuedAfter < 0 && count("SELECT count(*) FROM jobs WHERE record::text LIKE '%after node "
                    + victimNode + " was lost%'") > 0) {
                rescuedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            }
            if (count("SELECT count(*) FROM jobs WHERE state <> 'completed'") == 0) break;
            Thread.sleep(250);
        }
        System.out.println("rescue: a job of the killed node resumed elsewhere " + rescuedAfter + " ms after kill -9");
        assertThat(count("SELECT count(*) FROM jobs WHERE state <> 'completed'")).as("unfinished jobs").isZero();

        // exactly once: one completed per job in its history, one finished run per ledger
        assertThat(count("SELECT count(*) FROM jobs WHERE (SELECT count(*) FROM jsonb_array_elements("
                + "record->'history') h WHERE lower(h->>'state') = 'completed') <> 1")).isZero();
        assertThat(rescuedAfter).as("a job of the killed node resumed elsewhere").isPositive();
        assertThat(count("SELECT count(*) FROM jobs WHERE record::text LIKE '%resumed on node %after node "
                + victimNode + " was lost, from its last checkpoint%'")).isPositive();
        try (Stream<Path> files = Files.list(ledgers)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(total);
            for (Path ledger : all) {
                long done = Files.readAllLines(ledger).stream().filter("done"::equals).count();
                assertThat(done).as(ledger.getFileName().toString()).isEqualTo(1);
            }
        }
        // any node lists every job with its context
        for (Cli h : List.of(homes.get(0), homes.get(2))) {
            JsonNode listed = h.ok("job", "list", "--action-type", "sample.batch", "--limit", "3", "--json").json();
            assertThat(listed).hasSize(3);
            assertThat(listed.get(0).path("action_context").toString()).contains("\"batch\"");
            assertThat(listed.get(0).path("job_type").asText()).isEqualTo("sample_step");
            assertThat(listed.get(0).path("unresolved").asBoolean()).isFalse();
        }
        JsonNode status = client.ok("status", "--json").json();
        assertThat(status.get("nodes").findValuesAsText("id")).contains(victimNode);
        for (JsonNode n : status.get("nodes")) {
            if (n.get("id").asText().equals(victimNode)) assertThat(n.get("alive").asBoolean()).isFalse();
        }
    }

    /** One action run of sample.batch, detached; a loaded machine may take minutes over 2,500 jobs. */
    private static void dispatch(Cli client, String input) {
        Cli.Result r = client.run(java.time.Duration.ofMinutes(5), "action", "run", "sample.batch", input, "--detach");
        if (r.exit() != 0) throw new AssertionError("dispatch failed: " + r);
        System.out.println("dispatched " + input + " in " + r.took().toMillis() + " ms");
    }

    // ---- the nodes -----------------------------------------------------------------------------------------------

    private Cli home(String name) throws IOException {
        Path home = Files.createDirectories(work.resolve(name));
        Files.writeString(home.resolve("causa.conf"), "store = " + url + "\nlease = 2s\n");
        return new Cli(home);
    }

    /** A REPL fed from a pipe that stays open: a node that runs workers until its input ends. */
    private static Process startNode(Cli home, Path output) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Cli.launcher().toString(), "--home", home.home().toString())
                .directory(Cli.root().toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().remove("CAUSA_HOME");
        pb.environment().put("CAUSA_JAVA_OPTS", "");
        Process p = pb.start();
        OutputStream in = p.getOutputStream();
        in.write("status\n".getBytes(StandardCharsets.UTF_8)); // opens the engine: the shell starts its workers
        in.flush();
        return p;
    }

    private static void awaitAliveNodes(Cli client, int wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode status = client.ok("status", "--json").json();
            int alive = 0;
            for (JsonNode n : status.get("nodes")) {
                if (n.get("alive").asBoolean() && !n.get("self").asBoolean()) alive++;
            }
            if (alive >= wanted) return;
            Thread.sleep(500);
        }
        throw new AssertionError(wanted + " nodes did not come up within 60 s");
    }

    /** The node name of the process {@code pid}, once it holds the lease of a long job. */
    private String awaitNodeRunning(long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String node = text("SELECT n.id FROM nodes n JOIN jobs j ON j.locked_by = n.id WHERE n.pid = " + pid
                    + " AND j.lease_until > now() AND j.record->'payload'->>'batch' = 'long' LIMIT 1");
            if (node != null) return node;
            Thread.sleep(50);
        }
        throw new AssertionError("node " + pid + " never ran a long job");
    }

    private String awaitLongJobRunningOutside(String node) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String id = text("SELECT id FROM jobs WHERE locked_by <> '" + node + "' AND lease_until > now()"
                    + " AND record->'payload'->>'batch' = 'long' AND (record->'checkpoint'->>'next')::int < "
                    + (LONG_STEPS - 15) + " ORDER BY id LIMIT 1");
            if (id != null) return id;
            Thread.sleep(50);
        }
        throw new AssertionError("no long job ran on another node");
    }

    // ---- the database --------------------------------------------------------------------------------------------

    private String freshDatabase() {
        String server = adminUrl();
        String name = "causa_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        return server.substring(0, server.lastIndexOf('/') + 1) + name;
    }

    private static String database(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private long count(String sql) throws SQLException {
        String v = text(sql);
        return v == null ? 0 : Long.parseLong(v);
    }

    private String text(String sql) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void admin(String sql) {
        try (Connection c = connect(adminUrl()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " (" + sql + ")", e);
        }
    }

    private static Connection connect(String url) throws SQLException {
        // postgresql://user:password@host:port/db
        String rest = url.substring(url.indexOf("://") + 3);
        String credentials = rest.substring(0, rest.indexOf('@'));
        Properties p = new Properties();
        p.setProperty("user", credentials.substring(0, credentials.indexOf(':')));
        p.setProperty("password", credentials.substring(credentials.indexOf(':') + 1));
        return DriverManager.getConnection("jdbc:postgresql://" + rest.substring(rest.indexOf('@') + 1), p);
    }

    /** An admin URL: {@code CAUSA_TEST_PG}, else the local cluster started as root with the role causa. */
    private synchronized String adminUrl() {
        if (admin != null) return admin;
        String given = System.getenv("CAUSA_TEST_PG");
        if (given != null && !given.isBlank()) return admin = given.strip();
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("this test needs PostgreSQL: set CAUSA_TEST_PG to an admin URL, or run it"
                    + " as root on a machine with PostgreSQL installed");
        }
        run("pg_ctlcluster", "15", "main", "start");
        run("runuser", "-u", "postgres", "--", "psql", "-qc", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE"
                + " rolname = 'causa') THEN CREATE ROLE causa LOGIN CREATEDB PASSWORD 'causa'; END IF; END $$");
        return admin = "postgresql://causa:causa@127.0.0.1:5432/postgres";
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
