package dev.causa.engine.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LISTEN side of the store: one connection of its own (a pooled one could be handed to someone else between
 * two polls and lose the registration), polled by one thread. {@value #WORK} wakes idle workers; {@value #EVENTS}
 * carries events. When the connection breaks it is made again, and the workers are woken, since a notification
 * may have been missed meanwhile (the engine also polls, so nothing waits for long).
 */
final class PgListener implements AutoCloseable {

    static final String WORK = "causa_work";
    static final String EVENTS = "causa_events";

    private static final Logger log = LoggerFactory.getLogger(PgListener.class);
    private static final int POLL_MILLIS = 250;

    private final Supplier<Connection> connect;
    private final CopyOnWriteArrayList<Runnable> onWork = new CopyOnWriteArrayList<>();
    private final Consumer<String> onEvent;
    private final Thread thread;
    private volatile boolean closing;

    /**
     * @param connect opens a new connection to the database (not from the pool)
     * @param onEvent gets the payload of each event notification
     */
    PgListener(Supplier<Connection> connect, Consumer<String> onEvent) {
        this.connect = connect;
        this.onEvent = onEvent;
        this.thread = Thread.ofPlatform().name("causa-pg-listener").daemon(true).start(this::loop);
    }

    void onWork(Runnable wake) {
        onWork.add(wake);
    }

    void wake() {
        for (Runnable r : onWork) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("a work listener failed", e);
            }
        }
    }

    private void loop() {
        long backoff = 100;
        boolean first = true;
        while (!closing) {
            try (Connection c = connect.get(); Statement s = c.createStatement()) {
                s.execute("LISTEN " + WORK);
                s.execute("LISTEN " + EVENTS);
                if (!first) {
                    log.info("listening to PostgreSQL notifications again");
                    wake();
                }
                first = false;
                backoff = 100;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closing) {
                    PGNotification[] got = pg.getNotifications(POLL_MILLIS);
                    if (got == null) continue;
                    boolean work = false;
                    for (PGNotification n : got) {
                        if (n.getName().equals(WORK)) {
                            work = true;
                        } else if (n.getName().equals(EVENTS)) {
                            deliver(n.getParameter());
                        }
                    }
                    if (work) wake();
                }
            } catch (SQLException | RuntimeException e) {
                if (closing) return;
                log.warn("PostgreSQL notifications lost ({}); reconnecting", e.getMessage());
                first = false;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void deliver(String payload) {
        try {
            onEvent.accept(payload);
        } catch (RuntimeException e) {
            log.warn("an event listener failed", e);
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            thread.join(POLL_MILLIS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
