package dev.causa.engine.action;

import dev.causa.engine.redact.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.api.Action;
import dev.causa.api.ActionContext;
import dev.causa.api.ActionContextProvider;
import dev.causa.api.InvalidInputException;
import dev.causa.api.JobOptions;
import dev.causa.engine.model.CausaException;
import dev.causa.engine.event.EventBus;
import dev.causa.engine.event.Events;
import dev.causa.engine.job.ActionLink;
import dev.causa.engine.job.JobManager;
import dev.causa.engine.job.LiveJob;
import dev.causa.engine.json.Json;
import dev.causa.engine.plugin.Contribution;
import dev.causa.engine.plugin.Extensions;
import dev.causa.engine.plugin.PluginHost;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;
import dev.causa.engine.store.RecordStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way an action runs: resolve the type, bind and validate the input, build the ActionContext (the
 * plugin's provider, the engine's fields, the redactor), execute, and store the action record and its jobs
 * together. The run is acknowledged only once all of it is committed; an input that fails creates nothing.
 *
 * <p>{@link #submit} does all of it but the wait for the commit, which its future stands for; {@link #run} is
 * {@code submit} and that wait. Bad input throws from both, before anything is stored.
 */
public final class ActionDispatcher {

    private final PluginHost plugins;
    private final JobManager jobs;
    private final RecordStore store;
    private final EventBus events;
    private final ActionRuns runs;

    public ActionDispatcher(PluginHost plugins, JobManager jobs, RecordStore store, EventBus events, ActionRuns runs) {
        this.plugins = plugins;
        this.jobs = jobs;
        this.store = store;
        this.events = events;
        this.runs = runs;
    }

    /** Runs an action from JSON text, e.g. what a user typed, and returns once it is committed. */
    public ActionRun run(String actionType, String inputJson, String initiatedBy) {
        return await(submit(actionType, inputJson, initiatedBy));
    }

    /**
     * Runs an action from JSON text without waiting for the commit. Everything that can fail because of the input
     * (an unknown type, malformed JSON, validation, {@code InvalidInputException} from {@code execute}) throws
     * here, as from {@link #run}, and stores nothing; so does an action whose {@code execute} fails (its failed
     * record is stored first). The future completes once the action record and its jobs are committed, and its
     * jobs queued; or exceptionally with the {@link CausaException} the store failure gives. It completes on the
     * store's writer thread: keep dependent stages short, or use the async variants.
     */
    public CompletableFuture<ActionRun> submit(String actionType, String inputJson, String initiatedBy) {
        // an unknown type is "not found" whatever the input, and a typed type name is not echoed with bad JSON
        plugins.extensions().action(actionType).orElseThrow(() -> unknownActionType(plugins.extensions(), actionType));
        return submit(actionType, InputBinder.parseObject(actionType, inputJson), initiatedBy, null, null, null);
    }

    /**
     * Runs an action for a schedule's fire time: initiated by {@code schedule:<name>}, its record naming the
     * schedule and the time it was meant for. Returns once it is committed, as {@link #run} does.
     */
    public ActionRun runScheduled(String actionType, JsonNode input, String schedule, Instant scheduledFor) {
        plugins.extensions().action(actionType).orElseThrow(() -> unknownActionType(plugins.extensions(), actionType));
        return await(submit(actionType, input.deepCopy(), "schedule:" + schedule, null, schedule, scheduledFor));
    }

    /**
     * Checks an action's input as {@link #run} would before anything runs: the type exists, the JSON binds to its
     * input record and passes its validation. Returns the sanitized input; throws on what {@code run} would refuse,
     * and on secrets, which a stored definition (a schedule) must not hold.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public JsonNode check(String actionType, String inputJson, String holder) {
        Contribution<Action<?>> contribution = plugins.extensions().action(actionType)
                .orElseThrow(() -> unknownActionType(plugins.extensions(), actionType));
        Action action = contribution.extension();
        JsonNode input = InputBinder.parseObject(actionType, inputJson);
        Record bound = (Record) InputBinder.bind(actionType, input, action.inputType());
        try {
            action.validate(bound);
        } catch (InvalidInputException e) {
            throw CausaException.badInput(actionType + ": " + e.getMessage());
        }
        Redactor.Redacted sanitized = Redactor.redact(input, action.inputType());
        if (!sanitized.json().equals(input)) {
            throw CausaException.badInput(holder + " cannot hold secrets: its input would be stored as it is ("
                    + actionType + " input has a sensitive field)");
        }
        return input;
    }

    /** Runs the action again with its stored input, changed by {@code overrides}; redacted values must be given. */
    public ActionRun replay(String actionId, String overridesJson, String initiatedBy) {
        ActionRecord original = store.action(actionId).orElseThrow(() ->
                CausaException.notFound("no action run " + actionId));
        ObjectNode input = original.actionInput == null ? Json.object() : (ObjectNode) original.actionInput.deepCopy();
        JsonNode overrides = InputBinder.parseObject(original.actionType, overridesJson);
        overrides.properties().forEach(e -> input.set(e.getKey(), e.getValue()));
        List<String> missing = redactedFields(input, "");
        if (!missing.isEmpty()) {
            throw CausaException.badInput("cannot replay " + actionId + ": " + String.join(", ", missing)
                    + (missing.size() == 1 ? " was" : " were") + " redacted; give "
                    + (missing.size() == 1 ? "it" : "them") + " again, e.g. causa action replay " + actionId
                    + " '{\"" + missing.getFirst().replaceAll("[.\\[].*", "") + "\":\"...\"}'");
        }
        return await(submit(original.actionType, input, initiatedBy, actionId, null, null));
    }

    private static List<String> redactedFields(JsonNode node, String path) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                out.addAll(redactedFields(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) out.addAll(redactedFields(node.get(i), path + "[" + i + "]"));
        } else if (Redactor.REDACTED.equals(node.asText(null))) {
            out.add(path);
        }
        return out;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private CompletableFuture<ActionRun> submit(String actionType, JsonNode input, String initiatedBy,
                                                String replayOf, String schedule, Instant scheduledFor) {
        Extensions extensions = plugins.extensions();
        Contribution<Action<?>> contribution = extensions.action(actionType)
                .orElseThrow(() -> unknownActionType(extensions, actionType));
        Action action = contribution.extension();
        Record bound = (Record) InputBinder.bind(actionType, input, action.inputType());
        try {
            action.validate(bound);
        } catch (InvalidInputException e) {
            throw CausaException.badInput(actionType + ": " + e.getMessage());
        }
        Redactor.Redacted sanitized = Redactor.redact(input, action.inputType());
        Instant initiatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String actionId = Ids.next();
        String pluginId = contribution.pluginId();
        Scope scope = new Scope(actionId, initiatedBy, () -> plugins.dataDirectory(pluginId), extensions);

        ActionRecord record = new ActionRecord();
        record.id = actionId;
        record.actionType = actionType;
        record.initiatedAt = initiatedAt;
        record.initiatedBy = initiatedBy;
        record.actionInput = sanitized.json();
        record.replayOf = replayOf;
        record.schedule = schedule;
        record.scheduledFor = scheduledFor;
        try {
            action.execute(bound, scope);
        } catch (InvalidInputException e) {
            // input that proves wrong only now (an unknown name): bad input, and like all bad input it changes nothing
            throw CausaException.badInput(actionType + ": " + sanitized.scrub(e.getMessage()));
        } catch (Exception e) {
            record.status = ActionRecord.Status.FAILED;
            record.error = sanitized.scrub(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            record.finishedAt = Instant.now();
            await(store.insert(record, List.of()));
            events.publish(Events.action(Events.ACTION_FAILED, record, Instant.now()));
            throw new CausaException(e instanceof IllegalArgumentException ? CausaException.Kind.BAD_INPUT
                    : CausaException.Kind.ENGINE, actionType + " failed: " + record.error, e);
        }
        Map<String, Object> context = buildContext(extensions, actionType, bound, scope.produced);
        record.context = context;
        ActionContext actionContext = new ActionContext(actionType, initiatedAt, initiatedBy,
                Json.toMap(sanitized.json()), context);
        ActionLink link = new ActionLink(actionId, actionContext, sanitized.secrets());
        List<LiveJob> prepared = new ArrayList<>();
        try {
            for (Scope.Dispatch d : scope.dispatched) {
                prepared.add(jobs.prepare(d.id(), d.jobType(), d.payload(), link, null, d.options()));
            }
        } catch (IllegalArgumentException e) {
            throw new CausaException(CausaException.Kind.ENGINE, actionType + " failed: " + e.getMessage(), e);
        }
        record.jobIds = prepared.stream().map(LiveJob::id).toList();
        record.status = prepared.isEmpty() ? ActionRecord.Status.COMPLETED : ActionRecord.Status.RUNNING;
        if (prepared.isEmpty()) record.finishedAt = Instant.now();
        CompletableFuture<ActionRecord> done = prepared.isEmpty() ? CompletableFuture.completedFuture(record)
                : runs.track(record);
        if (events.hasListeners()) events.publish(Events.action(Events.ACTION_STARTED, record, initiatedAt));
        CompletableFuture<Void> stored;
        try {
            // the action and its jobs are committed together, or not at all; the jobs are queued once committed
            stored = jobs.submit(record, prepared);
        } catch (RuntimeException e) {
            runs.forget(actionId);
            throw e;
        }
        ActionRun run = new ActionRun(actionId, actionContext, prepared, done);
        CompletableFuture<ActionRun> acknowledged = new CompletableFuture<>();
        stored.whenComplete((ok, failure) -> {
            if (failure != null) {
                runs.forget(actionId);
                acknowledged.completeExceptionally(storeFailure(failure));
                return;
            }
            if (prepared.isEmpty() && events.hasListeners()) {
                events.publish(Events.action(Events.ACTION_COMPLETED, record, Instant.now()));
            }
            acknowledged.complete(run);
        });
        return acknowledged;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Map<String, Object> buildContext(Extensions extensions, String actionType, Record input,
                                                    Map<String, Object> produced) {
        var provider = extensions.provider(actionType);
        Map<String, Object> context = new LinkedHashMap<>();
        if (provider.isPresent()) {
            Map<String, Object> built = ((ActionContextProvider) provider.get().extension())
                    .context(input, Map.copyOf(produced));
            if (built != null) context.putAll(built);
        }
        // the common case: plain JSON values and no secret key, taken as they are (copied)
        Map<String, Object> plain = Redactor.plainCopy(context);
        if (plain != null) return plain;
        JsonNode redacted = Redactor.redact(Json.tree(context), null).json();
        return Json.toMap(redacted);
    }

    /** The error for an action type no installed plugin offers, with the nearest names. */
    public static CausaException unknownActionType(Extensions extensions, String type) {
        return CausaException.notFound("unknown action type '" + type + "'" + suggestion(extensions, type));
    }

    private static String suggestion(Extensions extensions, String type) {
        String prefix = type.contains(".") ? type.substring(0, type.indexOf('.') + 1) : type;
        List<String> near = extensions.actions().stream().map(c -> c.extension().type())
                .filter(t -> t.startsWith(prefix)).toList();
        return near.isEmpty() ? " (see: causa action list)" : " (did you mean " + String.join(", ", near) + "?)";
    }

    /** The error a failed commit of an action gives its caller. */
    private static CausaException storeFailure(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof CausaException c ? c
                : new CausaException(CausaException.Kind.ENGINE, "store: " + cause.getMessage(), cause);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw storeFailure(e.getCause());
        } catch (TimeoutException e) {
            throw new CausaException(CausaException.Kind.ENGINE, "store did not commit within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CausaException(CausaException.Kind.ENGINE, "interrupted while storing the action", e);
        }
    }

    /** The scope an action executes in: it collects what the action produced and the jobs it dispatched. */
    private static final class Scope implements dev.causa.api.ActionScope {

        record Dispatch(String id, String jobType, Record payload, JobOptions options) {
        }

        private final String actionId;
        private final String initiatedBy;
        /** Made (created on disk) only if the action asks for it. */
        private final java.util.function.Supplier<Path> dataDirectory;
        private final Extensions extensions;
        final Map<String, Object> produced = new LinkedHashMap<>();
        final List<Dispatch> dispatched = new ArrayList<>();

        Scope(String actionId, String initiatedBy, java.util.function.Supplier<Path> dataDirectory,
              Extensions extensions) {
            this.extensions = extensions;
            this.actionId = actionId;
            this.initiatedBy = initiatedBy;
            this.dataDirectory = dataDirectory;
        }

        @Override
        public String actionId() {
            return actionId;
        }

        @Override
        public String initiatedBy() {
            return initiatedBy;
        }

        @Override
        public void produced(String key, Object value) {
            produced.put(key, value);
        }

        @Override
        public String dispatch(String jobType, Record payload, JobOptions options) {
            if (extensions.job(jobType).isEmpty()) {
                throw new IllegalStateException("no installed plugin offers job type '" + jobType + "'");
            }
            String id = Ids.next();
            dispatched.add(new Dispatch(id, jobType, payload, options == null ? JobOptions.DEFAULT : options));
            return id;
        }

        @Override
        public Path dataDirectory() {
            return dataDirectory.get();
        }
    }
}
