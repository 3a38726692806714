package dev.causa.engine.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.Causa;
import dev.causa.engine.model.CausaException;
import dev.causa.engine.model.JobState;
import dev.causa.engine.job.LiveJob;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The host side of the script API (causa-api.js builds the JS side over it). Only proxies cross into the
 * script, so the context keeps host access off; values travel as JSON text. Calls that wait for the engine run on
 * virtual threads and hand their result back through the {@link EventLoop}, never entering the context themselves.
 */
final class CausaBridge {

    /** Limits engine calls in flight, so that a script starting thousands of actions cannot flood the store. */
    private static final int MAX_IN_FLIGHT = 64;

    private final Causa causa;
    private final EventLoop loop;
    private final String initiator;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Runnable startWorkers;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private volatile java.time.Instant listeningSince = java.time.Instant.MAX;
    /** Pending timers by id; touched on the script thread only. */
    private final Map<Integer, java.util.concurrent.ScheduledFuture<?>> timers = new HashMap<>();
    private int lastTimer;
    private final java.util.concurrent.ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("causa-script-timer")
                    .daemon(true).unstarted(r));
    /** Jobs being resumed, until their first event after the pause. */
    private final java.util.concurrent.ConcurrentHashMap<String, CompletableFuture<Void>> resuming =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Jobs whose {@code done} is awaited but that this process does not run yet. */
    private final java.util.concurrent.ConcurrentHashMap<String, List<Value>> waitingJobs =
            new java.util.concurrent.ConcurrentHashMap<>();

    CausaBridge(Causa causa, EventLoop loop, String initiator, PrintWriter out, PrintWriter err,
                Runnable startWorkers) {
        this.causa = causa;
        this.loop = loop;
        this.initiator = initiator;
        this.out = out;
        this.err = err;
        this.startWorkers = startWorkers;
    }

    ProxyObject proxy() {
        Map<String, Object> members = new HashMap<>();
        members.put("actions", sync(a -> {
            ArrayNode list = Json.mapper().createArrayNode();
            causa.actionTypes().forEach(t -> list.addObject().put("type", t.type())
                    .put("description", t.description()).put("plugin", t.pluginId()));
            return list;
        }));
        members.put("actionInfo", sync(a -> {
            Causa.ActionInfo info = causa.actionInfo(a[0].asString());
            ObjectNode json = Json.object().put("type", info.type()).put("description", info.description())
                    .put("plugin", info.pluginId());
            json.set("inputSchema", info.inputSchema());
            json.put("retryAttempts", info.retryPolicy().maxAttempts());
            return json;
        }));
        members.put("runAction", async(a -> {
            String type = a[0].asString();
            String input = a[1].asString();
            return () -> {
                startWorkers.run();
                return ScriptValues.run(causa.runAction(type, input, initiator));
            };
        }));
        members.put("replay", async(a -> {
            String id = a[0].asString();
            String overrides = a[1].isNull() ? null : a[1].asString();
            return () -> {
                startWorkers.run();
                return ScriptValues.run(causa.replay(id, overrides, initiator));
            };
        }));
        members.put("control", async(a -> {
            String op = a[0].asString();
            String id = a[1].asString();
            return () -> control(op, id);
        }));
        members.put("jobs", sync(a -> {
            JsonNode q = Json.parse(a[0].asString());
            JobState state = q.hasNonNull("state") ? parseState(q.get("state").asText()) : null;
            JobQuery query = new JobQuery(text(q, "actionType"), state,
                    q.hasNonNull("actionId") ? causa.resolveActionId(q.get("actionId").asText()) : null,
                    text(q, "parentJobId"), q.path("limit").asInt(1000));
            ArrayNode list = Json.mapper().createArrayNode();
            causa.jobs(query).forEach(j -> list.add(ScriptValues.job(j)));
            return list;
        }));
        members.put("job", sync(a -> {
            try {
                return ScriptValues.job(causa.job(a[0].asString()));
            } catch (NoSuchElementException | CausaException e) {
                if (e instanceof CausaException c && c.kind() != CausaException.Kind.NOT_FOUND) throw e;
                return null;
            }
        }));
        members.put("jobState", sync(a -> state(a[0].asString()).label()));
        members.put("actionFinishedEarlier", sync(a -> {
            ActionRecord r = causa.actionRun(a[0].asString());
            return r.status != ActionRecord.Status.RUNNING
                    && (r.finishedAt == null || r.finishedAt.isBefore(listeningSince));
        }));
        members.put("actionResult", sync(a -> ScriptValues.actionResult(causa, a[0].asString())));
        members.put("awaitJob", (ProxyExecutable) a -> {
            try {
                awaitJob(a[0].asString(), a[1]);
            } catch (RuntimeException e) {
                a[2].execute(error(e).toString());
            }
            return null;
        });
        members.put("hold", (ProxyExecutable) a -> {
            loop.hold();
            return null;
        });
        members.put("release", (ProxyExecutable) a -> {
            loop.release();
            return null;
        });
        members.put("listeners", (ProxyExecutable) a -> {
            loop.listenersChanged(a[0].asInt());
            return null;
        });
        members.put("write", (ProxyExecutable) a -> {
            PrintWriter stream = a[0].asInt() == 2 ? err : out;
            stream.println(a[1].asString());
            stream.flush();
            return null;
        });
        members.put("runtime", sync(a -> Json.tree(ScriptRuntime.info())));
        members.put("setTimer", (ProxyExecutable) a -> setTimer(a[0].asLong(), a[1]));
        members.put("clearTimer", (ProxyExecutable) a -> {
            clearTimer(a[0].asInt());
            return null;
        });
        return ProxyObject.fromMap(members);
    }

    private interface SyncCall {
        Object call(Value[] args) throws Exception;
    }

    private interface AsyncCall {
        Work start(Value[] args) throws Exception;
    }

    /** What an asynchronous call does on its own thread. */
    private interface Work {
        Object get() throws Exception;
    }

    /** A call answered at once with {@code {"ok": value}} or {@code {"error": {...}}}; never throws into JS. */
    private static ProxyExecutable sync(SyncCall call) {
        return args -> {
            ObjectNode reply = Json.object();
            try {
                reply.set("ok", Json.tree(call.call(args)));
            } catch (Exception e) {
                reply.set("error", error(e));
            }
            return reply.toString();
        };
    }

    /** A call whose last two arguments are resolve and reject; they are called on the script thread. */
    private ProxyExecutable async(AsyncCall call) {
        return args -> {
            Value resolve = args[args.length - 2];
            Value reject = args[args.length - 1];
            Work work;
            try {
                work = call.start(args);
            } catch (Exception e) {
                reject.execute(error(e).toString());
                return null;
            }
            loop.hold();
            calls.execute(() -> {
                String ok = null;
                String failed = null;
                try {
                    inFlight.acquire();
                    try {
                        ok = Json.text(work.get());
                    } finally {
                        inFlight.release();
                    }
                } catch (Exception e) {
                    failed = error(e).toString();
                }
                String result = ok;
                String problem = failed;
                loop.post(() -> {
                    loop.release();
                    if (problem == null) resolve.execute(result);
                    else reject.execute(problem);
                });
            });
            return null;
        };
    }

    private void awaitJob(String idOrPrefix, Value resolve) {
        String id = causa.resolveJobId(idOrPrefix);
        causa.job(id); // not found fails here, before anything waits
        loop.hold();
        waitingJobs.compute(id, (key, waiting) -> {
            List<Value> list = waiting == null ? new java.util.ArrayList<>() : waiting;
            list.add(resolve);
            return list;
        });
        jobChanged(id);
    }

    /**
     * Settles a waited-for job once it is finished. A job this process does not run (paused by a user, or left by
     * another process) is looked at again on each of its events, until it runs here or is finished.
     */
    private void jobChanged(String id) {
        Optional<LiveJob> live = causa.liveJob(id);
        boolean finished = live.isEmpty() && causa.job(id).state.isFinished();
        if (live.isEmpty() && !finished) return;
        List<Value> waiting = waitingJobs.remove(id);
        if (waiting == null) return;
        CompletableFuture<?> done = live.isPresent() ? live.get().finished() : CompletableFuture.completedFuture(null);
        done.whenComplete((r, e) -> loop.post(() -> {
            String job = Json.text(ScriptValues.job(causa.job(id)));
            for (Value resolve : waiting) {
                loop.release();
                resolve.execute(job);
            }
        }));
    }

    /** A timer keeps the script alive until it fires or is cleared; its function runs on the script thread. */
    private int setTimer(long delayMs, Value fn) {
        int id = ++lastTimer;
        loop.hold();
        timers.put(id, timer.schedule(() -> loop.post(() -> {
            if (timers.remove(id) == null) return; // cleared meanwhile
            loop.release();
            fn.execute();
        }), delayMs, java.util.concurrent.TimeUnit.MILLISECONDS));
        return id;
    }

    private void clearTimer(int id) {
        java.util.concurrent.ScheduledFuture<?> pending = timers.remove(id);
        if (pending != null) {
            pending.cancel(false);
            loop.release();
        }
    }

    /** Called for every engine event, on the event thread. */
    void onEvent(dev.causa.engine.event.CausaEvent event) {
        String id = event.jobId();
        if (id == null) return;
        if (waitingJobs.containsKey(id)) jobChanged(id);
        CompletableFuture<Void> moved = resuming.get(id);
        if (moved != null && !event.name().equals(dev.causa.engine.event.Events.JOB_PAUSED)) moved.complete(null);
    }

    /**
     * Pause and cancel settle once the job has stopped; resume once a worker has taken it up again; retry once it
     * is queued. (The engine's futures for resume and retry complete only when the job ends: {@code done} is the
     * way to wait for that.)
     */
    private Object control(String op, String idOrPrefix) throws Exception {
        String id = causa.resolveJobId(idOrPrefix);
        switch (op) {
            case "pause" -> causa.pause(id).join();
            case "cancel" -> causa.cancel(id).join();
            case "retry" -> causa.retry(id);
            case "resume" -> {
                CompletableFuture<Void> moved = new CompletableFuture<>();
                resuming.put(id, moved);
                try {
                    causa.resume(id);
                    moved.get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException stillWaiting) {
                    // no worker free within the wait: the job is queued behind others, say so below
                } finally {
                    resuming.remove(id, moved);
                }
            }
            default -> throw CausaException.badInput("unknown job operation " + op);
        }
        return state(id).label();
    }

    private JobState state(String id) {
        Optional<LiveJob> live = causa.liveJob(id);
        if (live.isPresent()) {
            JobRecord record = live.get().record();
            synchronized (record) {
                return record.state;
            }
        }
        return causa.job(id).state;
    }

    private static JobState parseState(String label) {
        for (JobState s : JobState.values()) {
            if (s.label().equalsIgnoreCase(label) || s.name().equalsIgnoreCase(label)) return s;
        }
        throw CausaException.badInput("unknown job state '" + label + "'");
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static ObjectNode error(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        ObjectNode json = Json.object();
        if (cause instanceof CausaException c) {
            // scripts know BAD_INPUT, NOT_FOUND and ENGINE (causa.d.ts): a conflict was bad input before it had a kind
            json.put("code", c.kind() == CausaException.Kind.CONFLICT ? "BAD_INPUT" : c.kind().name());
        } else if (cause instanceof NoSuchElementException) {
            json.put("code", "NOT_FOUND");
        } else {
            json.put("code", "ENGINE");
        }
        json.put("message", cause.getMessage() == null ? cause.toString() : cause.getMessage());
        return json;
    }

    /**
     * Since when this run receives engine events. An action that finished earlier is answered from the store; one
     * that finished later is answered by its event, so its callbacks all run before its {@code done} settles.
     */
    void listeningSince(java.time.Instant since) {
        this.listeningSince = since;
    }

    void close() {
        timer.shutdownNow();
        calls.shutdownNow();
    }
}
