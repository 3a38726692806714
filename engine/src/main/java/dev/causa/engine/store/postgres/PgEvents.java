package dev.causa.engine.store.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.json.Json;
import dev.causa.engine.store.EventTransport;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events across every process on the database, by {@code NOTIFY causa_events}. This process's subscribers get its
 * own events at once, on the publisher's thread; other processes get them from their LISTEN connection (a
 * notification names the store instance that sent it, which skips its own). A sender thread sends what was
 * published in one transaction per batch, in order.
 *
 * <p>A notification holds at most 8000 bytes. A larger event (a long error with its stack, a big action input in a
 * context) is not cut: it is stored in the {@code events} table and the notification carries its id; rows older
 * than ten minutes are deleted as new ones come.
 */
final class PgEvents implements EventTransport {

    private static final Logger log = LoggerFactory.getLogger(PgEvents.class);
    /** Below PostgreSQL's 8000-byte payload limit, with room for the origin and the name. */
    static final int MAX_INLINE_BYTES = 7_000;
    private static final String STORED = "@";

    private record Outgoing(String name, String json) {
    }

    private final DataSource pool;
    private final String origin = UUID.randomUUID().toString().substring(0, 8);
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Subscribers to other processes' events only. */
    private final CopyOnWriteArrayList<Listener> others = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Outgoing> outgoing = new LinkedBlockingQueue<>();
    private final Thread sender;
    private volatile boolean closing;
    private long lastFailureLog;

    PgEvents(DataSource pool) {
        this.pool = pool;
        this.sender = Thread.ofPlatform().name("causa-pg-events").daemon(true).start(this::sendLoop);
    }

    @Override
    public void publish(String name, ObjectNode json) {
        for (Listener l : listeners) l.accept(name, json);
        if (!closing) outgoing.add(new Outgoing(name, Json.text(json)));
    }

    @Override
    public AutoCloseable subscribe(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public AutoCloseable subscribeOthers(Listener listener) {
        others.add(listener);
        return () -> others.remove(listener);
    }

    @Override
    public boolean shared() {
        return true;
    }

    /** A notification on {@link PgListener#EVENTS}: {@code origin \n name \n json-or-@id}. */
    void received(String payload) {
        int a = payload.indexOf('\n');
        int b = payload.indexOf('\n', a + 1);
        if (a < 0 || b < 0 || payload.substring(0, a).equals(origin)
                || listeners.isEmpty() && others.isEmpty()) return;
        String name = payload.substring(a + 1, b);
        String body = payload.substring(b + 1);
        if (body.startsWith(STORED)) body = stored(Long.parseLong(body.substring(1)));
        if (body == null) return;
        ObjectNode json;
        try {
            json = (ObjectNode) Json.mapper().readTree(body);
        } catch (Exception e) {
            log.warn("unreadable event {} from another node: {}", name, e.getMessage());
            return;
        }
        for (Listener l : listeners) l.accept(name, json);
        for (Listener l : others) l.accept(name, json);
    }

    private String stored(long id) {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT body FROM events WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            log.warn("cannot read event {}: {}", id, e.getMessage());
            return null;
        }
    }

    private void sendLoop() {
        List<Outgoing> batch = new ArrayList<>();
        while (!(closing && outgoing.isEmpty())) {
            try {
                Outgoing first = outgoing.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                outgoing.drainTo(batch, 999);
                send(batch);
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                long now = System.nanoTime();
                if (now - lastFailureLog > TimeUnit.SECONDS.toNanos(10)) {
                    lastFailureLog = now;
                    log.warn("{} events could not reach other nodes: {}", batch.size(), e.getMessage());
                }
            }
            batch.clear();
        }
    }

    private void send(List<Outgoing> batch) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement notify = c.prepareStatement("SELECT count(pg_notify('" + PgListener.EVENTS
                    + "', p)) FROM unnest(?::text[]) WITH ORDINALITY AS t(p, n)")) {
                boolean stored = false;
                String[] payloads = new String[batch.size()];
                for (int i = 0; i < payloads.length; i++) {
                    Outgoing o = batch.get(i);
                    String body = o.json;
                    if (body.getBytes(StandardCharsets.UTF_8).length > MAX_INLINE_BYTES) {
                        body = STORED + store(c, body);
                        stored = true;
                    }
                    payloads[i] = origin + "\n" + o.name + "\n" + body;
                }
                notify.setArray(1, c.createArrayOf("text", payloads));
                notify.executeQuery().close();
                if (stored) {
                    try (var s = c.createStatement()) {
                        s.execute("DELETE FROM events WHERE at < now() - interval '10 minutes'");
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                PostgresStore.rollback(c, e);
                throw e;
            }
        }
    }

    private static long store(Connection c, String body) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO events (body) VALUES (?) RETURNING id")) {
            s.setString(1, body);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listeners.clear();
        others.clear();
    }
}
