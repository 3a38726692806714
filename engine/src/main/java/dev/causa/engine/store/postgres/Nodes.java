package dev.causa.engine.store.postgres;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.causa.engine.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The processes on one database (DESIGN §11): each registers itself as a row of {@code nodes} and heart-beats. */
public final class Nodes {

    /**
     * One process on the database.
     *
     * @param plugins the plugins it runs (ids), so a user sees which node can run which job types
     */
    public record Node(String id, String host, long pid, String version, List<String> plugins, Instant startedAt,
                       Instant heartbeatAt, List<String> jobTypes, List<String> running) {
    }

    private Nodes() {
    }

    static void register(Connection c, String id, String version) throws SQLException {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) host = "localhost";
        try (PreparedStatement s = c.prepareStatement("INSERT INTO nodes (id, host, pid, version, plugins,"
                + " started_at, heartbeat_at) VALUES (?, ?, ?, ?, '[]', now(), now()) ON CONFLICT (id) DO UPDATE SET"
                + " host = excluded.host, pid = excluded.pid, version = excluded.version, plugins = '[]',"
                + " started_at = now(), heartbeat_at = now()")) {
            s.setString(1, id);
            s.setString(2, host);
            s.setLong(3, ProcessHandle.current().pid());
            s.setString(4, version);
            s.executeUpdate();
        }
    }

    /** @param plugins the node's plugins now; null leaves them as they were */
    static void heartbeat(Connection c, String id, List<String> plugins) throws SQLException {
        heartbeat(c, id, plugins, null);
    }

    /**
     * The node is alive, with its plugins and the job types its workers claim (null leaves either as it was). A
     * node gone from the table (pruned while this one was paused for long) registers again. Nodes silent for longer
     * than {@link #FORGET_AFTER} are forgotten.
     */
    static void heartbeat(Connection c, String id, List<String> plugins, List<String> jobTypes) throws SQLException {
        int updated;
        try (PreparedStatement s = c.prepareStatement("UPDATE nodes SET heartbeat_at = now(),"
                + " plugins = coalesce(?::jsonb, plugins), job_types = coalesce(?::jsonb, job_types) WHERE id = ?")) {
            s.setString(1, plugins == null ? null : Json.text(plugins));
            s.setString(2, jobTypes == null ? null : Json.text(jobTypes));
            s.setString(3, id);
            updated = s.executeUpdate();
        }
        if (updated == 0) {
            register(c, id, PostgresStore.version());
            heartbeat(c, id, plugins, jobTypes);
            return;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM nodes WHERE heartbeat_at < now() - ?::interval")) {
            s.setString(1, FORGET_AFTER);
            s.executeUpdate();
        }
    }

    /** How long a silent node stays listed (as lost) before it is forgotten. */
    static final String FORGET_AFTER = "1 hour";


    static void remove(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM nodes WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        }
    }

    private static List<String> strings(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<List<String>>() { });
        } catch (Exception e) {
            return List.of();
        }
    }

    static List<Node> list(Connection c) throws SQLException {
        List<Node> nodes = new ArrayList<>();
        java.util.Map<String, List<String>> running = new java.util.HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT locked_by, id FROM jobs WHERE locked_by IS NOT NULL"
                + " AND lease_until >= now() ORDER BY id"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) running.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
        try (PreparedStatement s = c.prepareStatement("SELECT id, host, pid, version, plugins::text, started_at,"
                + " heartbeat_at, job_types::text FROM nodes ORDER BY started_at, id"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                nodes.add(new Node(id, rs.getString(2), rs.getLong(3), rs.getString(4), strings(rs.getString(5)),
                        JobRows.instant(rs.getTimestamp(6)), JobRows.instant(rs.getTimestamp(7)),
                        strings(rs.getString(8)), List.copyOf(running.getOrDefault(id, List.of()))));
            }
        }
        return nodes;
    }
}
