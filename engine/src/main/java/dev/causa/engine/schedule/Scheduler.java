package dev.causa.engine.schedule;

import dev.causa.engine.action.ActionDispatcher;
import dev.causa.engine.model.ScheduleRecord;
import dev.causa.engine.store.ScheduleStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires due schedules while an engine runs its workers (the REPL, {@code causa serve}): every half second it looks
 * for schedules whose latest fire time has not been claimed, claims it ({@link ScheduleStore#claimFire}, durable
 * and atomic), and only then runs the action. A crash between the claim and the run loses that run, never doubles
 * it: at most once per fire time, across restarts and nodes.
 *
 * <p>Fire times before this scheduler started passed while no engine ran: {@code missed once} runs one catch-up for
 * the latest of them, {@code missed skip} claims it without a run. A schedule whose action type no plugin offers is
 * left unclaimed (logged once) and fires when its plugin is back.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    static final long POLL_MILLIS = 500;

    private final ScheduleStore store;
    private final ActionDispatcher dispatcher;
    private final Predicate<String> actionTypeExists;
    private final Clock clock;
    private final Instant started;
    private final Set<String> reportedUnresolved = new HashSet<>();
    private volatile Thread thread;
    private volatile boolean closed;

    public Scheduler(ScheduleStore store, ActionDispatcher dispatcher, Predicate<String> actionTypeExists, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.actionTypeExists = actionTypeExists;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** Starts firing on a thread of its own; once. */
    public synchronized void start() {
        if (thread != null || closed) return;
        thread = Thread.ofPlatform().name("causa-scheduler").daemon(true).start(this::loop);
    }

    private void loop() {
        while (!closed) {
            try {
                tick();
            } catch (RuntimeException e) {
                log.warn("schedules: {}", e.toString());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One look at every schedule: fires those due. Returns how many runs it started. */
    public int tick() {
        int fired = 0;
        Instant now = clock.instant();
        for (ScheduleRecord s : store.list()) {
            if (closed) break;
            if (!s.paused() && fire(s, now)) fired++;
        }
        return fired;
    }

    private boolean fire(ScheduleRecord s, Instant now) {
        Instant from = s.lastFire() != null ? s.lastFire() : s.createdAt();
        Optional<Instant> due;
        try {
            due = ScheduleSpec.of(s).latest(from, now);
        } catch (RuntimeException e) {
            log.warn("schedule {} cannot be read: {}", s.name(), e.getMessage());
            return false;
        }
        if (due.isEmpty()) return false;
        if (!actionTypeExists.test(s.actionType())) {
            if (reportedUnresolved.add(s.name())) {
                log.warn("schedule {} is unresolved: no installed plugin offers {}; it fires when one does",
                        s.name(), s.actionType());
            }
            return false;
        }
        reportedUnresolved.remove(s.name());
        Instant time = due.get();
        boolean missed = time.isBefore(started);
        if (!store.claimFire(s.name(), time)) return false; // another node, or an earlier run, has it
        if (missed && s.missed() == ScheduleRecord.Missed.SKIP) {
            log.info("schedule {}: skipped the fire time {} missed while causa was not running", s.name(), time);
            return false;
        }
        try {
            dispatcher.runScheduled(s.actionType(), s.input(), s.name(), time);
            if (missed) log.info("schedule {}: ran once for fire time(s) missed up to {}", s.name(), time);
            return true;
        } catch (RuntimeException e) {
            log.warn("schedule {}: the run for {} failed to start: {}", s.name(), time, e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
