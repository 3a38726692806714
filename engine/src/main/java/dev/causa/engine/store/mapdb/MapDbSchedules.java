package dev.causa.engine.store.mapdb;

import dev.causa.engine.json.Json;
import dev.causa.engine.model.ScheduleRecord;
import dev.causa.engine.store.ScheduleStore;
import dev.causa.engine.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.mapdb.BTreeMap;

/**
 * Schedules in the store file: a {@code schedules} map (name → JSON), beside the records but not through the
 * journal. Schedule changes are rare, so each is its own MapDB commit, made synchronously before the method returns
 * (acknowledged = durable), while the checkpointer is kept out ({@link Checkpointer#applying}): a checkpoint's apply
 * and commit never interleave with it, so the commit holds this change and nothing half-applied.
 */
final class MapDbSchedules implements ScheduleStore {

    private final MapDbFile file;
    private final BTreeMap<String, byte[]> map;
    private final Checkpointer checkpointer;
    /** Why the store stopped writing (a failed checkpoint may have left MapDB half-applied), or null. */
    private final Supplier<Throwable> failure;

    MapDbSchedules(MapDbFile file, Checkpointer checkpointer, Supplier<Throwable> failure) {
        this.file = file;
        this.map = file.schedules;
        this.checkpointer = checkpointer;
        this.failure = failure;
    }

    @Override
    public void put(ScheduleRecord schedule) {
        committed(() -> {
            ScheduleRecord stored = read(map.get(schedule.name()));
            ScheduleRecord kept = stored == null || stored.lastFire() == null || (schedule.lastFire() != null
                    && !schedule.lastFire().isBefore(stored.lastFire())) ? schedule
                    : schedule.withLastFire(stored.lastFire());
            map.put(schedule.name(), Json.bytes(kept));
            return null;
        });
    }

    @Override
    public Optional<ScheduleRecord> get(String name) {
        return Optional.ofNullable(read(map.get(name)));
    }

    @Override
    public List<ScheduleRecord> list() {
        List<ScheduleRecord> out = new ArrayList<>();
        map.values().forEach(bytes -> out.add(read(bytes)));
        return out;
    }

    @Override
    public boolean remove(String name) {
        return committed(() -> map.remove(name) != null);
    }

    @Override
    public boolean claimFire(String name, Instant fireTime) {
        return committed(() -> {
            ScheduleRecord stored = read(map.get(name));
            if (stored == null || (stored.lastFire() != null && !fireTime.isAfter(stored.lastFire()))) return false;
            map.put(name, Json.bytes(stored.withLastFire(fireTime)));
            return true;
        });
    }

    /** Makes the change and commits it, with the checkpointer held off; one change at a time. */
    private <T> T committed(Supplier<T> change) {
        checkpointer.applying.writeLock().lock();
        try {
            if (file.isClosed()) throw new StoreException("the store is closed");
            // a commit now would also commit what a failed checkpoint left half-applied
            if (failure.get() != null) throw new StoreException("the store stopped writing: " + failure.get().getMessage());
            T result = change.get();
            file.db.commit();
            return result;
        } catch (RuntimeException e) {
            file.db.rollback();
            throw e instanceof StoreException ? e : new StoreException("cannot store the schedule: " + e.getMessage(), e);
        } finally {
            checkpointer.applying.writeLock().unlock();
        }
    }

    private static ScheduleRecord read(byte[] bytes) {
        return bytes == null ? null : Json.read(bytes, ScheduleRecord.class);
    }
}
