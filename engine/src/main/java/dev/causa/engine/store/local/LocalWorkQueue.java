package dev.causa.engine.store.local;

import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.Claim;
import dev.causa.engine.store.ForwardingRecordStore;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.store.Lease;
import dev.causa.engine.store.LeaseLostException;
import dev.causa.engine.store.RecordStore;
import dev.causa.engine.store.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The work queue of a backend that one process at a time opens (MapDB). Claimable jobs are kept in memory, fed by
 * the backend's writes ({@link #feeding}); leases live and die with the process, so a job an earlier process left
 * running has no lease and is claimable again ({@link #recover}). Within the process a lease still expires when it
 * is not renewed, so nodes sharing the queue behave as on a shared store.
 *
 * <p>One lock guards the queue; a claim or release is a few map operations under it.
 */
public final class LocalWorkQueue implements WorkQueue {

    /** Who held the jobs that an earlier process left running. */
    public static final String EARLIER_PROCESS = "an earlier process";

    private record Entry(JobRecord job, int priority, long key, long dueNanos) {
    }

    private record Held(Lease lease, String jobType, long untilNanos, JobRecord job) {
    }

    private final RecordStore records;
    private final Object lock = new Object();
    private final PriorityQueue<Entry> ready = new PriorityQueue<>((a, b) -> a.priority != b.priority
            ? Integer.compare(b.priority, a.priority) : Long.compare(a.key, b.key));
    private final PriorityQueue<Entry> delayed = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    /** Jobs waiting in {@link #ready} or {@link #delayed}; an entry whose job is not here any more is stale. */
    private final Map<String, Entry> waiting = new HashMap<>();
    private final Map<String, Held> held = new HashMap<>();
    private final Map<String, Integer> heldByType = new HashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private final CopyOnWriteArrayList<Runnable> wakers = new CopyOnWriteArrayList<>();
    private boolean recoveryDue;
    private long nextExpiryCheckNanos;
    private ScheduledExecutorService timer;

    /** @param records the backend's own record store, which stores the changes made under leases */
    public LocalWorkQueue(RecordStore records) {
        this.records = records;
    }

    /** {@code base} with every acknowledged write also telling this queue of jobs that became claimable. */
    public RecordStore feeding(RecordStore base) {
        return new FeedingRecords(base, this);
    }

    /**
     * Marks the work an earlier process left (queued jobs, jobs it left running, jobs paused to resume) to be
     * found; it is read from the store on the first claim, so a process that only reads pays nothing.
     */
    public void recover() {
        synchronized (lock) {
            recoveryDue = true;
        }
    }

    private void recoverNow() {
        recoveryDue = false;
        for (JobState state : List.of(JobState.RUNNING, JobState.PAUSED, JobState.QUEUED)) {
            for (JobRecord job : records.jobs(JobQuery.inState(state)).items()) {
                if (!held.containsKey(job.id) && claimable(job)) enqueue(job);
            }
        }
    }

    /** Whether a job with no live lease may be claimed. */
    static boolean claimable(JobRecord job) {
        return job.state == JobState.QUEUED || job.state == JobState.RUNNING
                || job.state == JobState.PAUSED && job.resumeOnStart;
    }

    /** Called once a write of {@code job} is durable. */
    void written(JobRecord job) {
        boolean wake;
        synchronized (lock) {
            if (held.containsKey(job.id)) return; // the holder of the lease decides
            if (job.state == JobState.RUNNING || !claimable(job)) {
                // a running job without a lease is one an earlier process left: recovery finds it
                wake = false;
                waiting.remove(job.id);
            } else {
                wake = enqueue(job);
            }
        }
        if (wake) wake();
    }

    /** Adds a claimable job; true if it is due now. Call under the lock. */
    private boolean enqueue(JobRecord job) {
        Entry old = waiting.get(job.id);
        if (old != null && old.job == job && old.priority == job.priority) return false;
        long due = job.state == JobState.QUEUED && job.nextRunAt != null
                ? System.nanoTime() + Duration.between(java.time.Instant.now(), job.nextRunAt).toNanos() : 0;
        long now = System.nanoTime();
        Entry entry = new Entry(job, job.priority, Ids.parse(job.id), due);
        waiting.put(job.id, entry);
        if (due > now) {
            delayed.add(entry);
            wakeAt(due - now);
            return false;
        }
        ready.add(entry);
        return true;
    }

    @Override
    public List<Claim> claim(String node, int max, Predicate<String> canRun, Map<String, Integer> limits,
                             Duration lease) {
        List<Claim> claims = new ArrayList<>();
        synchronized (lock) {
            if (recoveryDue) recoverNow();
            long now = System.nanoTime();
            while (!delayed.isEmpty() && delayed.peek().dueNanos <= now) {
                Entry e = delayed.poll();
                if (waiting.get(e.job.id) == e) ready.add(e);
            }
            if (now - nextExpiryCheckNanos >= 0) expireLeases(now);
            List<Entry> passed = null;
            while (claims.size() < max && !ready.isEmpty()) {
                Entry e = ready.poll();
                if (waiting.get(e.job.id) != e) continue; // stale: claimed, changed or no longer claimable
                String type = e.job.jobType;
                Integer limit = limits.get(type);
                if (!canRun.test(type) || limit != null && heldByType.getOrDefault(type, 0) >= limit) {
                    if (passed == null) passed = new ArrayList<>();
                    passed.add(e);
                    continue;
                }
                waiting.remove(e.job.id);
                Lease granted = new Lease(e.job.id, node, tokens.incrementAndGet());
                Held previous = held.put(e.job.id, new Held(granted, type, now + lease.toNanos(), e.job));
                heldByType.merge(type, 1, Integer::sum);
                String from = previous != null ? previous.lease.node()
                        : e.job.state == JobState.RUNNING ? EARLIER_PROCESS : null;
                claims.add(new Claim(e.job, granted, from));
            }
            if (passed != null) ready.addAll(passed);
        }
        return claims;
    }

    /** Leases not renewed in time: their jobs are claimable again (a node that stopped heart-beating). */
    private void expireLeases(long now) {
        nextExpiryCheckNanos = now + TimeUnit.MILLISECONDS.toNanos(100);
        List<Held> expired = null;
        for (Held h : held.values()) {
            if (h.untilNanos - now < 0) {
                if (expired == null) expired = new ArrayList<>();
                expired.add(h);
            }
        }
        if (expired == null) return;
        for (Held h : expired) {
            // the lease stays recorded until the job is claimed again, so the claim can name the lost node
            Entry entry = new Entry(h.job, h.job.priority, Ids.parse(h.job.id), 0);
            waiting.put(h.job.id, entry);
            ready.add(entry);
            heldByType.merge(h.jobType, -1, Integer::sum);
            held.put(h.job.id, new Held(h.lease, h.jobType, Long.MAX_VALUE, h.job)); // counted once
        }
    }

    @Override
    public List<String> renew(String node, Collection<String> jobIds, Duration lease) {
        List<String> lost = new ArrayList<>();
        long until = System.nanoTime() + lease.toNanos();
        synchronized (lock) {
            for (String id : jobIds) {
                Held h = held.get(id);
                if (h == null || !h.lease.node().equals(node) || waiting.containsKey(id)) {
                    lost.add(id);
                } else {
                    held.put(id, new Held(h.lease, h.jobType, until, h.job));
                }
            }
        }
        return lost;
    }

    @Override
    public CompletableFuture<Void> release(Lease lease, JobRecord job) {
        synchronized (lock) {
            if (!holds(lease)) return CompletableFuture.failedFuture(new LeaseLostException(lease));
            Held h = held.remove(lease.jobId());
            heldByType.merge(h.jobType, -1, Integer::sum);
        }
        // the write feeds the queue once durable: a job queued again or paused to resume is claimable then
        return records.update(job).thenRun(() -> written(job));
    }

    @Override
    public CompletableFuture<Void> update(Lease lease, JobRecord job) {
        synchronized (lock) {
            if (!holds(lease)) return CompletableFuture.failedFuture(new LeaseLostException(lease));
        }
        return records.update(job);
    }

    @Override
    public java.util.Optional<String> leaseHolder(String jobId) {
        synchronized (lock) {
            Held h = held.get(jobId);
            if (h == null || waiting.containsKey(jobId) || h.untilNanos - System.nanoTime() < 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(h.lease.node());
        }
    }

    private boolean holds(Lease lease) {
        Held h = held.get(lease.jobId());
        return h != null && h.lease.equals(lease) && !waiting.containsKey(lease.jobId());
    }

    @Override
    public void onWork(Runnable wake) {
        wakers.add(wake);
    }

    private void wake() {
        for (Runnable w : wakers) w.run();
    }

    /** Wakes the claimers when a delayed job falls due. Call under the lock. */
    private void wakeAt(long delayNanos) {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("causa-queue-timer")
                    .daemon(true).unstarted(r));
        }
        timer.schedule(this::wake, delayNanos + 999_999, TimeUnit.NANOSECONDS);
    }

    /** Stops the timer; leases end with the process. */
    public void close() {
        synchronized (lock) {
            if (timer != null) timer.shutdownNow();
        }
    }

    /** How many jobs wait to be claimed. */
    public int waitingCount() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /** A record store whose acknowledged writes feed the queue. */
    private static final class FeedingRecords extends ForwardingRecordStore {
        private final LocalWorkQueue queue;

        FeedingRecords(RecordStore base, LocalWorkQueue queue) {
            super(base);
            this.queue = queue;
        }

        @Override
        public CompletableFuture<Void> insert(ActionRecord action, List<JobRecord> jobs) {
            return store.insert(action, jobs).thenRun(() -> jobs.forEach(queue::written));
        }

        @Override
        public CompletableFuture<Void> insert(List<JobRecord> jobs) {
            return store.insert(jobs).thenRun(() -> jobs.forEach(queue::written));
        }

        @Override
        public CompletableFuture<Void> update(JobRecord job) {
            return store.update(job).thenRun(() -> queue.written(job));
        }
    }
}
