package dev.causa.engine.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.event.Events;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job package's side of a store several nodes share (DESIGN §11): sends pause and cancel requests to the node
 * that runs a job ({@value Events#JOB_CONTROL} events on the store's transport), applies the requests other nodes
 * send for jobs run here, and lets go of jobs this process holds (dispatched or followed here) once another node
 * has finished them, telling their waiters and action runs. On a store one process opens it does nothing.
 */
final class ControlListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlListener.class);
    /** How often a requester checks the stored state, and how often it repeats an unanswered request. */
    private static final long POLL_MILLIS = 100;
    private static final long RESEND_MILLIS = 2_000;
    /** A request no node answers within this is given up (the caller has long reported the job stuck). */
    private static final Duration GIVE_UP = Duration.ofMinutes(10);

    static final String REQUEST = "request";
    static final String FROM = "from";

    private final JobRuntime rt;
    private volatile BiConsumer<String, String> apply = (id, request) -> { };
    private AutoCloseable subscription;
    private volatile boolean closed;

    ControlListener(JobRuntime rt) {
        this.rt = rt;
    }

    /** Starts listening to other nodes; {@code apply} gets (job id, request) for requests about jobs run here. */
    void listen(BiConsumer<String, String> apply) {
        this.apply = apply;
        if (rt.shared) subscription = rt.transport.subscribeOthers(this::received);
    }

    private void received(String name, ObjectNode json) {
        try {
            String id = json.path(Events.JOB_ID).asText(null);
            if (id == null) return;
            switch (name) {
                case Events.JOB_CONTROL -> {
                    LiveJob job = rt.live.get(id);
                    if (job != null && job.runner != null) apply.accept(id, json.path(REQUEST).asText());
                }
                case Events.JOB_COMPLETED, Events.JOB_CANCELLED -> endedElsewhere(id,
                        json.path(dev.causa.engine.view.JobView.ACTION_ID).asText(null),
                        name.equals(Events.JOB_COMPLETED), true);
                // a failure may be followed by an automatic retry: the store says whether it was the last
                case Events.JOB_FAILED -> endedElsewhere(id, null, false, false);
                default -> { }
            }
        } catch (RuntimeException e) {
            log.warn("handling {} from another node failed", name, e);
        }
    }

    /** Another node settled the job: if it has finished for good, this process lets go of it. */
    private void endedElsewhere(String id, String actionId, boolean completed, boolean known) {
        LiveJob job = rt.live.get(id);
        if (job == null) {
            if (known) {
                rt.lifecycle.finishedElsewhere(id, actionId, completed);
                return;
            }
            rt.records.job(id).filter(r -> r.state.isFinished()).ifPresent(r ->
                    rt.lifecycle.finishedElsewhere(id, r.actionId, r.state == JobState.COMPLETED));
            return;
        }
        if (job.runner != null || job.lease != null) return; // run here after all
        rt.refresh(job);
        JobRecord r = job.record;
        if (r.state.isFinished()) rt.lifecycle.finishedElsewhere(id, r.actionId, r.state == JobState.COMPLETED);
    }

    /**
     * Asks the node that runs the job to pause or cancel it; the future completes with the state the job settles
     * in (stored), found by reading the store until no node holds the job's lease. The request is sent again now
     * and then: a node that was between its claim and the start of the run missed it, and a node that took the job
     * over from a lost one has not heard it.
     */
    CompletableFuture<JobState> request(LiveJob job, String request) {
        CompletableFuture<JobState> settled = new CompletableFuture<>();
        Thread.ofVirtual().name("causa-control-" + job.id()).start(() -> {
            long deadline = System.nanoTime() + GIVE_UP.toNanos();
            long nextSend = 0;
            try {
                while (!closed && System.nanoTime() < deadline) {
                    // settled once no node holds its lease any more: the release stored the state it ended in
                    if (rt.queue.leaseHolder(job.id()).isEmpty()) {
                        JobRecord stored = rt.records.job(job.id()).orElse(null);
                        if (stored == null) break;
                        rt.refresh(job);
                        settled.complete(stored.state);
                        return;
                    }
                    if (System.nanoTime() - nextSend >= 0) {
                        send(job.id(), request);
                        nextSend = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RESEND_MILLIS);
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                settled.completeExceptionally(new IllegalStateException("job " + job.id()
                        + ": no node answered the " + request + " request"));
            } catch (InterruptedException e) {
                settled.completeExceptionally(e);
            } catch (RuntimeException e) {
                settled.completeExceptionally(e);
            }
        });
        return settled;
    }

    private void send(String id, String request) {
        ObjectNode json = Json.object();
        json.put(Events.EVENT, Events.JOB_CONTROL);
        json.put(Events.JOB_ID, id);
        json.put(REQUEST, request);
        json.put(FROM, rt.settings.node());
        rt.transport.publish(Events.JOB_CONTROL, json);
    }

    @Override
    public void close() {
        closed = true;
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                log.debug("closing the control subscription", e);
            }
        }
    }
}
