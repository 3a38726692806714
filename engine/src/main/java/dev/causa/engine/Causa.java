package dev.causa.engine;

import dev.causa.engine.model.CausaException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.api.Action;
import dev.causa.api.Job;
import dev.causa.api.RetryPolicy;
import dev.causa.engine.action.ActionDispatcher;
import dev.causa.engine.action.ActionRun;
import dev.causa.engine.action.ActionRuns;
import dev.causa.engine.action.InputBinder;
import dev.causa.engine.action.InputSchema;
import dev.causa.engine.event.EventBus;
import dev.causa.engine.job.ActionLink;
import dev.causa.engine.model.IllegalTransitionException;
import dev.causa.engine.job.JobManager;
import dev.causa.engine.model.JobState;
import dev.causa.engine.job.LiveJob;
import dev.causa.engine.plugin.Contribution;
import dev.causa.engine.plugin.PluginChanges;
import dev.causa.engine.plugin.PluginHost;
import dev.causa.engine.plugin.PluginInfo;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.Ids;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.store.ActionQuery;
import dev.causa.engine.store.Page;
import dev.causa.engine.store.NodeRegistry;
import dev.causa.engine.store.Store;
import dev.causa.engine.store.Stores;
import dev.causa.engine.store.StoreAdmin;
import dev.causa.engine.config.CausaConf;
import dev.causa.engine.job.JobSettings;
import dev.causa.api.JobOptions;
import java.util.function.Function;
import dev.causa.engine.view.ActiveJob;
import dev.causa.engine.view.JobView;
import dev.causa.engine.view.NodeView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * The engine as front ends see it: one façade over plugins, actions, jobs, the store and events. Opening it
 * starts no workers; {@link #startWorkers()} does, and that is when work left by an earlier process resumes.
 */
public final class Causa implements AutoCloseable {

    /**
     * @param home           the data directory: store, plugins, plugin data, history
     * @param builtinPlugins folders of plugin jars shipped with the distribution
     * @param workers        the size of the worker pool
     * @param embedded       actions, context providers and jobs given directly instead of by plugin jars
     */
    public record Options(Path home, List<Path> builtinPlugins, int workers, List<Object> embedded) {

        public Options(Path home, List<Path> builtinPlugins, int workers) {
            this(home, builtinPlugins, workers, List.of());
        }

        public static int defaultWorkers() {
            return Math.max(2, Runtime.getRuntime().availableProcessors());
        }
    }

    /** An installed action type, for {@code action list} and {@code action info}. */
    public record ActionInfo(String type, String description, String pluginId, ObjectNode inputSchema,
                             RetryPolicy retryPolicy, boolean hasContextProvider) {

        /** What a listing shows of an action type: {@code action list --json}. The full form is its JSON tree. */
        public ObjectNode summary() {
            ObjectNode json = dev.causa.engine.json.Json.object();
            json.put("type", type).put("description", description).put("plugin", pluginId);
            return json;
        }
    }

    public static final String VERSION = readVersion();

    private final Options options;
    private final Store store;
    private final EventBus events;
    private final PluginHost plugins;
    private final JobManager jobs;
    private final ActionRuns runs;
    private final ActionDispatcher dispatcher;
    private final PluginChanges pluginChanges;
    private final java.time.Instant openedAt = java.time.Instant.now();
    /** On a store several processes share: this node's heartbeat (plugins, job types), else null. */
    private java.util.concurrent.ScheduledExecutorService nodeBeat;
    private volatile List<NodeRegistry.NodeInfo> nodesSeen;
    private volatile long nodesSeenAt;
    /** Null where the backend keeps no schedules yet (PostgreSQL, so far). */
    private final dev.causa.engine.schedule.Schedules schedules;
    private final dev.causa.engine.schedule.Scheduler scheduler;

    private Causa(Builder b) {
        this.options = b.options;
        this.store = b.createStore();
        try {
            this.events = b.createEvents(store);
            this.plugins = b.createPlugins();
            plugins.start();
            this.jobs = b.createJobManager(store, plugins, events, this::retryPolicy);
            this.runs = new ActionRuns(store.records(), events);
            jobs.setLifecycle(runs);
            this.dispatcher = new ActionDispatcher(plugins, jobs, store.records(), events, runs);
            this.pluginChanges = new PluginChanges(plugins, type -> jobs.liveJobs().stream()
                    .anyMatch(j -> j.record().jobType.equals(type) && j.record().state == JobState.RUNNING));
            store.nodes().ifPresent(this::startNodeHeartbeat);
            java.util.function.Predicate<String> offered = type -> plugins.extensions().action(type).isPresent();
            var kept = scheduleStore(store);
            this.schedules = kept == null ? null
                    : new dev.causa.engine.schedule.Schedules(kept, dispatcher, offered, b.clock());
            this.scheduler = kept == null ? null
                    : new dev.causa.engine.schedule.Scheduler(kept, dispatcher, offered, b.clock());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public static Causa open(Options options) {
        return new Builder(options).build();
    }

    /** The store URL in effect: given (--store), else {@code CAUSA_STORE}, else causa.conf, else the home's MapDB file. */
    static String storeUrl(String given, CausaConf conf) {
        if (given != null && !given.isBlank()) return given;
        String env = System.getenv("CAUSA_STORE");
        if (env != null && !env.isBlank()) return env;
        return conf.get("store").orElse(Stores.DEFAULT);
    }

    /**
     * Maintenance of a home's store with no engine open (a damaged store may not open): check, backup, repair,
     * restore; empty if its backend offers none.
     */
    public static Optional<StoreAdmin> storeAdmin(Path home, String storeUrl) {
        return Stores.admin(storeUrl(storeUrl, CausaConf.read(home)), home);
    }

    /**
     * Builds the engine from its parts, each made by a {@code createX} method a subclass may replace (a test's
     * store, another event bus): the default builder is wiring.
     */
    public static class Builder {

        protected final Options options;
        protected final CausaConf conf;
        private String storeUrl;

        public Builder(Options options) {
            this.options = options;
            this.conf = CausaConf.read(options.home());
        }

        /** The store to use (DESIGN §10); by default {@code CAUSA_STORE}, then {@code store=} in causa.conf. */
        public Builder store(String url) {
            this.storeUrl = url;
            return this;
        }

        public Causa build() {
            return new Causa(this);
        }

        protected String storeUrl() {
            return Causa.storeUrl(storeUrl, conf);
        }

        protected Store createStore() {
            return Stores.open(storeUrl(), options.home());
        }

        protected EventBus createEvents(Store store) {
            return new EventBus(store.events());
        }

        protected PluginHost createPlugins() {
            return new PluginHost(options.home().resolve("plugins"), options.builtinPlugins(),
                    options.home().resolve("plugin-data"), VERSION, options.embedded());
        }

        protected JobSettings createJobSettings() {
            return new JobSettings(Stores.nodeName(), options.workers(),
                    conf.duration("lease").orElse(JobSettings.DEFAULT_LEASE), conf.limits());
        }

        /** The clock schedules fire by. */
        protected java.time.Clock clock() {
            return java.time.Clock.systemUTC();
        }

        protected JobManager createJobManager(Store store, PluginHost plugins, EventBus events,
                                              Function<String, RetryPolicy> retryPolicies) {
            return new JobManager(store, plugins::extensions, events, retryPolicies, createJobSettings());
        }
    }

    private RetryPolicy retryPolicy(String actionType) {
        return plugins.extensions().action(actionType).map(c -> c.extension().retryPolicy()).orElse(RetryPolicy.NONE);
    }

    /** Starts the workers; jobs left running, paused by an exit, or queued by an earlier process continue. */
    public void startWorkers() {
        boolean was = jobs.isStarted();
        jobs.start();
        if (!was && nodeBeat != null) nodeBeat.execute(this::nodeHeartbeat); // the others learn its job types
    }

    // ---- nodes (a store several processes share) ---------------------------------------------------------------

    private void startNodeHeartbeat(NodeRegistry registry) {
        nodeHeartbeat();
        long every = Math.max(200, jobs.lease().toMillis() / 3);
        nodeBeat = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("causa-node-heartbeat").daemon(true).unstarted(r));
        nodeBeat.scheduleAtFixedRate(this::nodeHeartbeat, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Tells the other nodes this one lives, its plugins, and the job types its workers claim (none without). */
    private void nodeHeartbeat() {
        try {
            List<String> types = jobs.isStarted()
                    ? plugins.extensions().jobs().stream().map(c -> c.extension().type()).sorted().toList()
                    : List.of();
            store.nodes().orElseThrow().heartbeat(plugins.manager().getStartedPlugins().stream()
                    .map(p -> p.getPluginId()).sorted().toList(), types);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Causa.class).warn("node heartbeat failed: {}", e.getMessage());
        }
    }

    /** A node whose heartbeat is older than this is taken to be lost (three leases, as its leases have expired). */
    private Duration silentAfter() {
        return jobs.lease().multipliedBy(3).plusSeconds(1);
    }

    /** The nodes on the store, read at most every second. */
    private List<NodeRegistry.NodeInfo> nodesNow(NodeRegistry registry) {
        long now = System.nanoTime();
        List<NodeRegistry.NodeInfo> seen = nodesSeen;
        if (seen == null || now - nodesSeenAt > 1_000_000_000L) {
            seen = registry.nodes();
            nodesSeen = seen;
            nodesSeenAt = now;
        }
        return seen;
    }

    /** How many stored jobs wait to continue: queued, left running, or paused by an exit to resume. */
    public long unfinishedJobCount() {
        var counts = store.records().countByState();
        long paused = counts.getOrDefault(JobState.PAUSED, 0L) == 0 ? 0
                : jobs(JobQuery.inState(JobState.PAUSED)).stream().filter(j -> j.resumeOnStart).count();
        return counts.getOrDefault(JobState.QUEUED, 0L) + counts.getOrDefault(JobState.RUNNING, 0L) + paused;
    }

    /**
     * The stored jobs that wait to continue (queued, left running, paused by an exit to resume), with futures of
     * their ends: what {@code job watch} follows.
     */
    public List<ActiveJob> unfinishedJobs() {
        List<ActiveJob> out = new java.util.ArrayList<>();
        for (JobState state : List.of(JobState.RUNNING, JobState.QUEUED, JobState.PAUSED)) {
            for (JobRecord stored : jobs(JobQuery.inState(state))) {
                if (state == JobState.PAUSED && !stored.resumeOnStart) continue;
                out.add(active(jobs.track(stored)));
            }
        }
        return out;
    }

    // ---- actions -----------------------------------------------------------------------------------------------

    /**
     * Runs an action and returns once it is acknowledged: its record and its jobs are committed to the store and
     * the jobs queued. Bad input throws a {@link CausaException} and stores nothing.
     */
    public ActionRun runAction(String actionType, String inputJson, String initiatedBy) {
        return dispatcher.run(actionType, inputJson, initiatedBy);
    }

    /**
     * {@link #runAction} without the wait for the commit, for callers that keep many actions in flight (one
     * commit acknowledges all the actions submitted meanwhile). It validates and executes the action before it
     * returns, so bad input throws here exactly as from {@code runAction} and stores nothing. The future completes
     * once the action and its jobs are committed (durable) and the jobs queued, or exceptionally with the
     * {@link CausaException} of a store failure; it completes on the store's writer thread, so keep dependent
     * stages short (or use the async variants).
     */
    public CompletableFuture<ActionRun> submitAction(String actionType, String inputJson, String initiatedBy) {
        return dispatcher.submit(actionType, inputJson, initiatedBy);
    }

    public ActionRun replay(String actionIdOrPrefix, String overridesJson, String initiatedBy) {
        return dispatcher.replay(resolveActionId(actionIdOrPrefix), overridesJson, initiatedBy);
    }

    /** Completes with the final action record once all its jobs have finished. */
    public CompletableFuture<ActionRecord> completion(String actionId) {
        return runs.completion(actionId);
    }

    public List<ActionInfo> actionTypes() {
        return plugins.extensions().actions().stream().map(this::info).toList();
    }

    public ActionInfo actionInfo(String type) {
        return plugins.extensions().action(type).map(this::info)
                .orElseThrow(() -> ActionDispatcher.unknownActionType(plugins.extensions(), type));
    }

    private ActionInfo info(Contribution<Action<?>> c) {
        Action<?> action = c.extension();
        return new ActionInfo(action.type(), action.description(), c.pluginId(),
                InputSchema.of(action.inputType(), action.type() + " input"), action.retryPolicy(),
                plugins.extensions().provider(action.type()).isPresent());
    }

    public List<ActionRecord> actionRuns(String actionType, int limit) {
        return store.records().actions(ActionQuery.ofType(actionType, limit)).items();
    }

    public ActionRecord actionRun(String idOrPrefix) {
        return store.records().action(resolveActionId(idOrPrefix)).orElseThrow();
    }

    // ---- schedules ---------------------------------------------------------------------------------------------

    private static dev.causa.engine.store.ScheduleStore scheduleStore(Store store) {
        try {
            return store.schedules();
        } catch (dev.causa.engine.store.StoreException e) {
            return null;
        }
    }

    private dev.causa.engine.schedule.Schedules schedules() {
        if (schedules == null) {
            throw CausaException.badInput("this store (" + store.location() + ") keeps no schedules yet");
        }
        return schedules;
    }

    /** Adds a schedule (DESIGN §13); bad timing, zone, type or input throws with one line and stores nothing. */
    public dev.causa.engine.model.ScheduleRecord addSchedule(dev.causa.engine.schedule.Schedules.Definition d,
                                                             String createdBy) {
        return schedules().add(d, createdBy);
    }

    public List<dev.causa.engine.model.ScheduleRecord> scheduleList() {
        return schedules().list();
    }

    public dev.causa.engine.model.ScheduleRecord schedule(String name) {
        return schedules().get(name);
    }

    public dev.causa.engine.model.ScheduleRecord pauseSchedule(String name) {
        return schedules().pause(name);
    }

    public dev.causa.engine.model.ScheduleRecord resumeSchedule(String name) {
        return schedules().resume(name);
    }

    public void removeSchedule(String name) {
        schedules().remove(name);
    }

    /** Fires a schedule now ({@code initiated_by: schedule:<name>}, meant for now); returns once committed. */
    public ActionRun runSchedule(String name) {
        return schedules().runNow(name);
    }

    /** A schedule as front ends show it: its definition, {@code next_fire}, {@code unresolved}. */
    public ObjectNode scheduleView(dev.causa.engine.model.ScheduleRecord s) {
        return dev.causa.engine.view.ScheduleView.json(s, schedules().next(s).orElse(null), schedules().isUnresolved(s));
    }

    /**
     * Fires due schedules from now on, for as long as this engine is open: for the long-running front ends (the
     * REPL, {@code causa serve}); starts the workers too.
     */
    public void startScheduler() {
        jobs.start();
        if (scheduler != null) scheduler.start();
    }

    // ---- plugins -----------------------------------------------------------------------------------------------

    public List<PluginInfo> pluginList() {
        return plugins.infos();
    }

    public PluginInfo pluginInfo(String id) {
        return plugins.info(id);
    }

    /** Installs (or updates to a newer version) a plugin jar; its actions are usable at once. */
    public PluginInfo installPlugin(Path jar) {
        return afterPluginChange(pluginChanges.install(jar));
    }

    public PluginInfo enablePlugin(String id) {
        return afterPluginChange(pluginChanges.enable(id));
    }

    public PluginInfo disablePlugin(String id) {
        return afterPluginChange(pluginChanges.disable(id));
    }

    public PluginInfo uninstallPlugin(String id) {
        return afterPluginChange(pluginChanges.uninstall(id));
    }

    /** Jobs that waited for a job type of a plugin that just came back continue. */
    private PluginInfo afterPluginChange(PluginInfo info) {
        jobs.retryUnresolved();
        return info;
    }

    // ---- jobs --------------------------------------------------------------------------------------------------

    /** Dispatches a job without an action (its action context is null), from a JSON payload. */
    public LiveJob dispatch(String jobType, String payloadJson) {
        return dispatch(jobType, payloadJson, JobOptions.DEFAULT);
    }

    /** {@link #dispatch(String, String)} with options (a priority). */
    public LiveJob dispatch(String jobType, String payloadJson, JobOptions options) {
        Contribution<Job<?>> handler = plugins.extensions().job(jobType)
                .orElseThrow(() -> CausaException.notFound("unknown job type '" + jobType + "'"));
        Record payload = (Record) InputBinder.bind(jobType,
                InputBinder.parseObject(jobType, payloadJson), handler.extension().payloadType());
        LiveJob job = jobs.prepare(Ids.next(), jobType, payload, ActionLink.NONE, null, options);
        jobs.submit(List.of(job)).join();
        return job;
    }

    public List<JobRecord> jobs(JobQuery query) {
        return store.records().jobs(query).items();
    }

    /** One page of a listing, with the cursor of the next. */
    public Page<JobRecord> jobPage(JobQuery query) {
        return store.records().jobs(query);
    }

    public JobRecord job(String idOrPrefix) {
        return store.records().job(resolveJobId(idOrPrefix)).orElseThrow();
    }

    /**
     * A full id, a prefix that names exactly one job, or a suffix of at least four characters that names exactly one
     * of the newest jobs (ids begin with the time, so the end is what tells recent jobs apart).
     */
    public String resolveJobId(String idOrPrefix) {
        return resolve("job", idOrPrefix, idOrPrefix == null || idOrPrefix.isBlank() ? List.of()
                : store.records().jobIdsMatching(idOrPrefix, 2));
    }

    public String resolveActionId(String idOrPrefix) {
        return resolve("action run", idOrPrefix, idOrPrefix == null || idOrPrefix.isBlank() ? List.of()
                : store.records().actionIdsStartingWith(idOrPrefix, 2));
    }

    private static String resolve(String what, String idOrPrefix, List<String> matches) {
        if (idOrPrefix == null || idOrPrefix.isBlank()) throw CausaException.badInput("no " + what + " id given");
        if (matches.isEmpty()) throw CausaException.notFound("no " + what + " " + idOrPrefix);
        if (matches.size() > 1 && !matches.contains(idOrPrefix)) {
            throw CausaException.badInput("'" + idOrPrefix + "' names more than one " + what + ": give more characters");
        }
        return matches.contains(idOrPrefix) ? idOrPrefix : matches.getFirst();
    }

    public CompletableFuture<JobState> pause(String idOrPrefix) {
        return transition(() -> jobs.pause(resolveJobId(idOrPrefix)));
    }

    public CompletableFuture<JobRecord> resume(String idOrPrefix) {
        String id = resolveJobId(idOrPrefix);
        jobs.start();
        return transition(() -> jobs.resume(id));
    }

    public CompletableFuture<JobState> cancel(String idOrPrefix) {
        return transition(() -> jobs.cancel(resolveJobId(idOrPrefix)));
    }

    public CompletableFuture<JobRecord> retry(String idOrPrefix) {
        String id = resolveJobId(idOrPrefix);
        jobs.start();
        return transition(() -> jobs.retry(id));
    }

    private static <T> T transition(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (IllegalTransitionException e) {
            throw CausaException.conflict(e.getMessage());
        }
    }

    /** The live job if this process runs it. */
    public Optional<LiveJob> liveJob(String id) {
        return jobs.live(id);
    }

    // ---- parts -------------------------------------------------------------------------------------------------

    public EventBus events() {
        return events;
    }

    public JobManager jobManager() {
        return jobs;
    }

    public PluginHost plugins() {
        return plugins;
    }

    public Store store() {
        return store;
    }

    /** Where the store is, for people (a file, or a database URL without its password). */
    public String storeLocation() {
        return store.location();
    }

    public long storeSize() {
        return store.sizeOnDisk();
    }

    public java.util.Map<JobState, Long> countByState() {
        return store.records().countByState();
    }

    public Options options() {
        return options;
    }

    // ---- front-end queries ---------------------------------------------------------------------------------------
    // What the front ends (REPL, one-shot commands, later the HTTP API) ask, so that they need neither the job
    // manager, the plugin host nor the store. Views and snapshots only: no live record or engine part leaves here.

    /**
     * The view of a job as front ends show it: {@code unresolved} when no started plugin offers its type, and for a
     * job this process is running, its latest progress and message rather than the last stored ones.
     */
    public JobView jobView(JobRecord job) {
        JobView view = JobView.of(job, isUnresolved(job.jobType));
        if (job.state != JobState.RUNNING) return view;
        return jobs.progressOf(job.id).map(p -> view.withLiveProgress(p.progress(), p.message())).orElse(view);
    }

    /**
     * Whether no started plugin offers this job type (disabled or uninstalled): its jobs wait for it. On a store
     * several nodes share, only where no live node's workers offer it either.
     */
    public boolean isUnresolved(String jobType) {
        if (plugins.extensions().job(jobType).isPresent()) return false;
        NodeRegistry registry = store.nodes().orElse(null);
        if (registry == null) return true;
        java.time.Instant since = java.time.Instant.now().minus(silentAfter());
        return nodesNow(registry).stream().noneMatch(n -> n.heartbeatAt() != null && n.heartbeatAt().isAfter(since)
                && n.jobTypes().contains(jobType));
    }

    /**
     * The processes on the store with their heartbeats and the jobs each runs, this one included: on a store one
     * process opens, just this one.
     */
    public List<NodeView> nodes() {
        NodeRegistry registry = store.nodes().orElse(null);
        if (registry == null) {
            List<String> running = jobs.liveJobs().stream().filter(j -> j.record().state == JobState.RUNNING)
                    .map(LiveJob::id).sorted().toList();
            return List.of(new NodeView(jobs.node(), Stores.nodeName().replaceFirst("-\\d+$", ""),
                    ProcessHandle.current().pid(), VERSION, openedAt, java.time.Instant.now(), true, true,
                    pluginIds(), running));
        }
        java.time.Instant since = java.time.Instant.now().minus(silentAfter());
        nodesSeenAt = 0; // fresh
        return nodesNow(registry).stream().map(n -> new NodeView(n.id(), n.host(), n.pid(), n.version(),
                n.startedAt(), n.heartbeatAt(), n.id().equals(registry.node())
                        || n.heartbeatAt() != null && n.heartbeatAt().isAfter(since),
                n.id().equals(registry.node()), n.plugins(), n.running())).toList();
    }

    /** The jobs this process runs or holds to run (queued, running, or paused here), as snapshots. */
    public List<ActiveJob> activeJobs() {
        return jobs.liveJobs().stream().map(Causa::active).toList();
    }

    /** A job this process runs or holds to run, as a snapshot; empty if it does not. */
    public Optional<ActiveJob> activeJob(String id) {
        return jobs.live(id).map(Causa::active);
    }

    private static ActiveJob active(LiveJob live) {
        JobRecord r = live.record();
        synchronized (r) {
            return new ActiveJob(r.id, r.jobType, r.state, r.resumeOnStart,
                    r.actionContext == null ? null : r.actionContext.initiatedBy(), live.finished());
        }
    }

    /** Whether this process runs workers ({@link #startWorkers()} was called). */
    public boolean workersStarted() {
        return jobs.isStarted();
    }

    /** How many workers run: 0 before {@link #startWorkers()}. */
    public int workerCount() {
        return jobs.isStarted() ? jobs.workerCount() : 0;
    }

    /** Jobs queued in this process that wait for a free worker. */
    public int jobsWaitingForWorker() {
        return jobs.queuedCount();
    }

    /** The ids of jobs asked to stop that have not reached a pause point within {@code grace}. */
    public List<String> stuckJobs(Duration grace) {
        return jobs.stuck(grace).stream().map(r -> r.id).toList();
    }

    /** One page of the audit trail, newest first, with the cursor of the next (the HTTP API pages with it). */
    public Page<ActionRecord> actionRunPage(ActionQuery query) {
        return store.records().actions(query);
    }

    /** The engine at a glance: {@code status --json} and {@code GET /api/v1/status}. */
    public ObjectNode status() {
        ObjectNode json = dev.causa.engine.json.Json.object();
        json.put("version", VERSION);
        json.put("home", options.home().toAbsolutePath().toString());
        json.put("workers", workerCount());
        json.put("queued_in_memory", jobsWaitingForWorker());
        json.put("running", activeJobs().stream().filter(j -> j.state() == JobState.RUNNING).count());
        json.set("stuck_jobs", dev.causa.engine.json.Json.tree(stuckJobs(STUCK_AFTER)));
        ObjectNode byState = json.putObject("jobs_by_state");
        countByState().forEach((state, n) -> byState.put(state.label(), n));
        json.put("store_file", storeLocation());
        json.put("store_bytes", storeSize());
        json.put("plugins", startedPluginCount());
        json.put("action_types", actionTypes().size());
        var nodes = json.putArray("nodes"); // the processes on the store (DESIGN §11)
        nodes().forEach(n -> nodes.add(n.json()));
        return json;
    }

    /** How long a job asked to stop may take to reach a pause point before front ends call it stuck. */
    public static final Duration STUCK_AFTER = Duration.ofSeconds(10);

    /** Every loaded plugin's id, started or not. */
    public List<String> pluginIds() {
        return plugins.manager().getPlugins().stream().map(p -> p.getPluginId()).toList();
    }

    /** How many plugins are started. */
    public int startedPluginCount() {
        return plugins.manager().getStartedPlugins().size();
    }

    /** Type names offered by more than one plugin, one line each (the first plugin's wins). */
    public List<String> typeConflicts() {
        return plugins.extensions().conflicts();
    }

    /** Pauses running jobs at their next pause point (they resume on the next start), then closes the store. */
    @Override
    public void close() {
        try {
            if (nodeBeat != null) nodeBeat.shutdownNow();
            if (scheduler != null) scheduler.close();
            jobs.close();
            events.close();
            plugins.close();
        } finally {
            store.close();
        }
    }

    private static String readVersion() {
        try (InputStream in = Causa.class.getResourceAsStream("causa.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "0.0.0");
        } catch (IOException e) {
            return "0.0.0";
        }
    }
}
