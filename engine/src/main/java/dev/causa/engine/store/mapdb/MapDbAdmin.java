package dev.causa.engine.store.mapdb;

import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.ActionRecord;

import dev.causa.engine.store.StoreAdmin;
import dev.causa.engine.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Check, back up, repair and restore a store file, with no engine holding it. A backup and a repair are the same
 * operation: every readable record is copied into a fresh file through the normal write path, which rebuilds the
 * indexes; a repair then swaps the fresh file in and keeps the damaged one beside it.
 */
public final class MapDbAdmin implements StoreAdmin {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Path file;

    /** @param file the store file, which no process may hold open */
    public MapDbAdmin(Path file) {
        this.file = file;
    }

    /** Reads every record and checks that each job is indexed as its fields say. */
    @Override
    public Report check() {
        return check(file);
    }

    private static Report check(Path file) {
        try (MapDbRecords store = MapDbRecords.open(file)) {
            Indexes.Check indexes = store.indexCheck();
            AtomicLong unreadable = new AtomicLong();
            AtomicLong jobs = new AtomicLong();
            AtomicLong misindexed = new AtomicLong();
            List<String> problems = new ArrayList<>();
            store.forEachRawJob((id, bytes) -> {
                JobRecord job = RecordCodec.decode(bytes, JobRecord.class);
                jobs.incrementAndGet();
                if (!indexes.indexedCorrectly(id, job)) {
                    misindexed.incrementAndGet();
                    if (problems.size() < 10) problems.add("job " + job.id + " is missing from an index");
                }
            }, unreadable);
            AtomicLong actions = new AtomicLong();
            store.forEachRawAction((id, bytes) -> {
                RecordCodec.decode(bytes, ActionRecord.class);
                actions.incrementAndGet();
            }, unreadable);
            return new Report(jobs.get(), actions.get(), unreadable.get(), misindexed.get(), problems);
        }
    }

    /** Writes a consistent copy of the store to {@code target}, which must not exist. */
    @Override
    public Report backup(Path target) {
        if (Files.exists(target)) throw new StoreException("will not overwrite " + target);
        try (MapDbRecords source = MapDbRecords.open(file)) {
            return copy(source, target);
        }
    }

    /**
     * Copies what is readable of a damaged store into a fresh file, keeps the damaged file as
     * {@code causa.db.damaged-<time>} and puts the fresh one in its place.
     *
     * @return the report, whose {@code problems} name the kept damaged file
     */
    @Override
    public Report repair() {
        Path fresh = file.resolveSibling(file.getFileName() + ".repairing");
        deleteStoreFiles(fresh);
        Report report;
        try (MapDbRecords source = MapDbRecords.open(file, true)) {
            report = copy(source, fresh);
        } catch (StoreDamagedException beyondRepair) {
            deleteStoreFiles(fresh);
            throw new StoreException("nothing can be read from " + file + " (" + beyondRepair.getCause().getMessage()
                    + "): restore a backup with `causa store restore <backup>`", beyondRepair);
        }
        Path kept = file.resolveSibling(file.getFileName() + ".damaged-" + STAMP.format(Instant.now()));
        move(file, kept);
        move(fresh, file);
        List<String> problems = new ArrayList<>(report.problems());
        problems.add("the damaged file is kept as " + kept);
        return new Report(report.jobs(), report.actions(), report.unreadable(), 0, problems);
    }

    /** Replaces the store with a backup, after checking that the backup reads; the current file is kept. */
    @Override
    public Report restore(Path backup) {
        Report check = check(backup);
        if (Files.exists(file)) {
            move(file, file.resolveSibling(file.getFileName() + ".replaced-" + STAMP.format(Instant.now())));
        }
        try {
            Files.copy(backup, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + backup + " to " + file, e);
        }
        return check;
    }

    private static Report copy(MapDbRecords source, Path target) {
        AtomicLong unreadable = new AtomicLong();
        AtomicLong jobs = new AtomicLong();
        AtomicLong actions = new AtomicLong();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        try (MapDbRecords copy = MapDbRecords.open(target)) {
            source.forEachRawAction((id, bytes) -> {
                writes.add(copy.insert(RecordCodec.decode(bytes, ActionRecord.class), List.of()));
                actions.incrementAndGet();
            }, unreadable);
            source.forEachRawJob((id, bytes) -> {
                JobRecord job = RecordCodec.decode(bytes, JobRecord.class);
                writes.add(copy.insert(List.of(job)));
                jobs.incrementAndGet();
            }, unreadable);
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            if (e instanceof RuntimeException r) throw r;
            throw new StoreException("copying the store failed: " + e.getMessage(), e);
        }
        return new Report(jobs.get(), actions.get(), unreadable.get(), 0, List.of());
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }

    private static void deleteStoreFiles(Path file) {
        try (var siblings = Files.list(file.toAbsolutePath().getParent())) {
            for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(file.getFileName().toString()))
                    .toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + file, e);
        }
    }
}
