package dev.causa.engine.schedule;

import dev.causa.engine.action.ActionDispatcher;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.model.CausaException;
import dev.causa.engine.model.ScheduleRecord;
import dev.causa.engine.store.ScheduleStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;

/**
 * Schedules as the façade offers them: add (checked: name, timing, zone, action type and input), list, pause,
 * resume, remove and run now. Firing them is the {@link Scheduler}'s.
 */
public final class Schedules {

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final ScheduleStore store;
    private final ActionDispatcher dispatcher;
    private final Predicate<String> actionTypeExists;
    private final Clock clock;

    public Schedules(ScheduleStore store, ActionDispatcher dispatcher, Predicate<String> actionTypeExists, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.actionTypeExists = actionTypeExists;
        this.clock = clock;
    }

    /** What a user asks for in {@code schedule add}. */
    public record Definition(String name, String cron, String every, String zone, ScheduleRecord.Missed missed,
                             String actionType, String inputJson) {
    }

    public ScheduleRecord add(Definition d, String createdBy) {
        if (d.name() == null || !NAME.matcher(d.name()).matches()) {
            throw CausaException.badInput("bad schedule name '" + d.name() + "': letters, digits, . _ - (up to 64)");
        }
        if ((d.cron() == null) == (d.every() == null)) throw CausaException.badInput("give either --cron or --every");
        if (d.cron() != null) ScheduleSpec.cron(d.cron());
        else ScheduleSpec.every(d.every());
        if (d.every() != null && d.zone() != null) throw CausaException.badInput("--zone goes with --cron");
        String zone = d.cron() == null ? null : ScheduleSpec.zone(d.zone()).getId();
        var input = dispatcher.check(d.actionType(), d.inputJson() == null ? "{}" : d.inputJson(),
                "schedule " + d.name());
        if (store.get(d.name()).isPresent()) {
            throw CausaException.badInput("schedule " + d.name() + " exists (remove it first)");
        }
        ScheduleRecord record = new ScheduleRecord(d.name(), d.cron() == null ? null : d.cron().trim(),
                d.every() == null ? null : d.every().trim(), zone,
                d.missed() == null ? ScheduleRecord.Missed.ONCE : d.missed(), d.actionType(), input, false,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), createdBy, null);
        store.put(record);
        return record;
    }

    public List<ScheduleRecord> list() {
        return store.list();
    }

    public ScheduleRecord get(String name) {
        return store.get(name).orElseThrow(() -> CausaException.notFound("no schedule " + name));
    }

    public ScheduleRecord pause(String name) {
        ScheduleRecord paused = get(name).withPaused(true);
        store.put(paused);
        return get(name);
    }

    /** Resumes; with {@code missed skip}, fire times that passed while paused are passed over. */
    public ScheduleRecord resume(String name) {
        ScheduleRecord s = get(name);
        if (s.missed() == ScheduleRecord.Missed.SKIP) {
            Instant from = s.lastFire() != null ? s.lastFire() : s.createdAt();
            ScheduleSpec.of(s).latest(from, clock.instant()).ifPresent(t -> store.claimFire(name, t));
        }
        store.put(get(name).withPaused(false));
        return get(name);
    }

    public void remove(String name) {
        if (!store.remove(name)) throw CausaException.notFound("no schedule " + name);
    }

    /** Fires now, outside the timing: a run initiated by {@code schedule:<name>}, meant for now. */
    public ActionRun runNow(String name) {
        ScheduleRecord s = get(name);
        if (!actionTypeExists.test(s.actionType())) {
            throw CausaException.notFound("schedule " + name + ": no installed plugin offers " + s.actionType());
        }
        return dispatcher.runScheduled(s.actionType(), s.input(), name, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Whether no started plugin offers the schedule's action type: it waits, listed as unresolved. */
    public boolean isUnresolved(ScheduleRecord s) {
        return !actionTypeExists.test(s.actionType());
    }

    /** The next fire time after now (for a paused schedule too). */
    public java.util.Optional<Instant> next(ScheduleRecord s) {
        return ScheduleSpec.of(s).next(clock.instant());
    }
}
