package dev.causa.engine.store;

import dev.causa.engine.model.ScheduleRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stored schedules (DESIGN §13). Every change is durable when the method returns (schedule changes are rare: a
 * backend may commit each one on its own).
 *
 * <p>The one hard rule is {@link #claimFire}: a fire time is claimed at most once, ever, across restarts and across
 * every node that shares the store. A backend makes it one atomic compare-and-set on the schedule's last claimed
 * fire time (PostgreSQL: {@code UPDATE schedules SET last_fire = ? WHERE name = ? AND (last_fire IS NULL OR
 * last_fire < ?)}, one row updated = claimed).
 */
public interface ScheduleStore {

    /**
     * Creates or replaces the schedule of that name. Of its {@code lastFire} and the stored one the later is kept, so
     * a change made from a copy read earlier (pause, resume) never lets a claimed fire time run again.
     */
    void put(ScheduleRecord schedule);

    Optional<ScheduleRecord> get(String name);

    /** Every schedule, by name. */
    List<ScheduleRecord> list();

    /** Removes the schedule; false if there was none. */
    boolean remove(String name);

    /**
     * Records {@code fireTime} as the schedule's last fire time, durably, and returns true, only if it is later than
     * the one recorded (so only the first caller for a time wins, and no earlier time can run after a later one);
     * false otherwise, or if the schedule is gone. A caller runs the fire time only after this returned true, so a
     * crash between the two loses that run rather than doubling it: at most once per fire time.
     */
    boolean claimFire(String name, Instant fireTime);
}
