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
                       Instant heartbeatAt) {
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
        try (PreparedStatement s = c.prepareStatement("UPDATE nodes SET heartbeat_at = now(),"
                + " plugins = coalesce(?::jsonb, plugins) WHERE id = ?")) {
            s.setString(1, plugins == null ? null : Json.text(plugins));
            s.setString(2, id);
            s.executeUpdate();
        }
    }

    static void remove(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM nodes WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        }
    }

    static List<Node> list(Connection c) throws SQLException {
        List<Node> nodes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, host, pid, version, plugins::text, started_at,"
                + " heartbeat_at FROM nodes ORDER BY started_at, id"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                List<String> plugins;
                try {
                    plugins = Json.mapper().readValue(rs.getString(5), new TypeReference<List<String>>() { });
                } catch (Exception e) {
                    plugins = List.of();
                }
                nodes.add(new Node(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), plugins,
                        JobRows.instant(rs.getTimestamp(6)), JobRows.instant(rs.getTimestamp(7))));
            }
        }
        return nodes;
    }
}
