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
import dev.causa.engine.store.Store;
import dev.causa.engine.store.Stores;
import dev.causa.engine.store.StoreAdmin;
import dev.causa.engine.config.CausaConf;
import dev.causa.engine.job.JobSettings;
import dev.causa.api.JobOptions;
import java.util.function.Function;
import dev.causa.engine.view.ActiveJob;
import dev.causa.engine.view.JobView;
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
            java.util.function.Predicate<String> offered = type -> plugins.extensions().action(type).isPresent();
            this.schedules = new dev.causa.engine.schedule.Schedules(store.schedules(), dispatcher, offered,
                    b.clock());
            this.scheduler = new dev.causa.engine.schedule.Scheduler(store.schedules(), dispatcher, offered,
                    b.clock());
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
        jobs.start();
    }

    /** How many stored jobs wait to continue: queued, left running, or paused by an exit to resume. */
    public long unfinishedJobs() {
        var counts = store.records().countByState();
        long paused = counts.getOrDefault(JobState.PAUSED, 0L) == 0 ? 0
                : jobs(JobQuery.inState(JobState.PAUSED)).stream().filter(j -> j.resumeOnStart).count();
        return counts.getOrDefault(JobState.QUEUED, 0L) + counts.getOrDefault(JobState.RUNNING, 0L) + paused;
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

    /** Adds a schedule (DESIGN §13); bad timing, zone, type or input throws with one line and stores nothing. */
    public dev.causa.engine.model.ScheduleRecord addSchedule(dev.causa.engine.schedule.Schedules.Definition d,
                                                             String createdBy) {
        return schedules.add(d, createdBy);
    }

    public List<dev.causa.engine.model.ScheduleRecord> scheduleList() {
        return schedules.list();
    }

    public dev.causa.engine.model.ScheduleRecord schedule(String name) {
        return schedules.get(name);
    }

    public dev.causa.engine.model.ScheduleRecord pauseSchedule(String name) {
        return schedules.pause(name);
    }

    public dev.causa.engine.model.ScheduleRecord resumeSchedule(String name) {
        return schedules.resume(name);
    }

    public void removeSchedule(String name) {
        schedules.remove(name);
    }

    /** Fires a schedule now ({@code initiated_by: schedule:<name>}, meant for now); returns once committed. */
    public ActionRun runSchedule(String name) {
        return schedules.runNow(name);
    }

    /** A schedule as front ends show it: its definition, {@code next_fire}, {@code unresolved}. */
    public ObjectNode scheduleView(dev.causa.engine.model.ScheduleRecord s) {
        return dev.causa.engine.view.ScheduleView.json(s, schedules.next(s).orElse(null), schedules.isUnresolved(s));
    }

    /**
     * Fires due schedules from now on, for as long as this engine is open: for the long-running front ends (the
     * REPL, {@code causa serve}); starts the workers too.
     */
    public void startScheduler() {
        jobs.start();
        scheduler.start();
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
            throw CausaException.badInput(e.getMessage());
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
    // manager, the plugin host nor the store. Views and snapshots only: nothing here hands out a live object.

    /**
     * The view of a job as front ends show it: {@code unresolved} when no started plugin offers its type, and for a
     * job this process is running, its latest progress and message rather than the last stored ones.
     */
    public JobView jobView(JobRecord job) {
        JobView view = JobView.of(job, isUnresolved(job.jobType));
        if (job.state != JobState.RUNNING) return view;
        return jobs.progressOf(job.id).map(p -> view.withLiveProgress(p.progress(), p.message())).orElse(view);
    }

    /** Whether no started plugin offers this job type (disabled or uninstalled): its jobs wait for it. */
    public boolean isUnresolved(String jobType) {
        return plugins.extensions().job(jobType).isEmpty();
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
            scheduler.close();
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
