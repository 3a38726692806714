package dev.causa.engine.plugin;

import dev.causa.api.Action;
import dev.causa.api.ActionContextProvider;
import dev.causa.api.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import dev.causa.engine.model.CausaException;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PF4J plugin layer: loads every plugin jar from the user's plugin folder ({@code <home>/plugins}) and the
 * distribution's built-in folder, starts them, and offers their actions, context providers and job types as an
 * {@link Extensions} snapshot. A plugin that fails to load or start is reported and the others keep running.
 * Changes while the engine runs (install, enable, disable, uninstall) go through {@link PluginChanges}.
 */
public final class PluginHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);
    /** The plugin id reported for embedded extensions. */
    public static final String EMBEDDED = "embedded";

    private final Path userPlugins;
    private final Path dataRoot;
    private final PluginManager manager;
    private final List<Object> embedded;
    private volatile Extensions extensions = Extensions.empty();

    /**
     * @param embedded extensions given directly rather than found in plugin jars (tests, benchmarks, embedders);
     *                 they are reported as contributed by the plugin id {@value #EMBEDDED}
     */
    public PluginHost(Path userPlugins, List<Path> builtinPlugins, Path dataRoot, String engineVersion,
                      List<Object> embedded) {
        this.embedded = List.copyOf(embedded);
        this.userPlugins = userPlugins;
        this.dataRoot = dataRoot;
        try {
            Files.createDirectories(userPlugins);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the plugin folder " + userPlugins, e);
        }
        List<Path> roots = new ArrayList<>();
        roots.add(userPlugins);
        builtinPlugins.stream().filter(Files::isDirectory).forEach(roots::add);
        this.manager = new DefaultPluginManager(roots);
        manager.setSystemVersion(engineVersion);
    }

    /** Loads and starts every plugin found; failures are logged per plugin. */
    public synchronized void start() {
        manager.loadPlugins();
        manager.startPlugins();
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (plugin.getPluginState() == PluginState.FAILED) {
                log.warn("plugin {} failed: {}", plugin.getPluginId(), plugin.getFailedException());
            }
        }
        refresh();
    }

    /** Rebuilds the snapshot of what started plugins offer. */
    public synchronized void refresh() {
        extensions = Extensions.of(
                contributions(Action.class, a -> (Action<?>) a),
                contributions(ActionContextProvider.class, p -> (ActionContextProvider<?>) p),
                contributions(Job.class, j -> (Job<?>) j));
        extensions.conflicts().forEach(c -> log.warn("{}", c));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private <T> List<Contribution<T>> contributions(Class type, Function<Object, T> cast) {
        List<Contribution<T>> out = new ArrayList<>();
        for (Object extension : embedded) {
            if (type.isInstance(extension)) out.add(new Contribution<>(cast.apply(extension), EMBEDDED));
        }
        for (PluginWrapper plugin : manager.getStartedPlugins()) {
            for (Object extension : manager.getExtensions(type, plugin.getPluginId())) {
                out.add(new Contribution<>(cast.apply(extension), plugin.getPluginId()));
            }
        }
        return out;
    }

    /** Every loaded plugin, started or not, in PF4J's order. */
    public synchronized List<PluginInfo> infos() {
        return manager.getPlugins().stream().map(p -> info(p.getPluginId())).toList();
    }

    /** One loaded plugin. */
    public synchronized PluginInfo info(String id) {
        PluginWrapper plugin = manager.getPlugin(id);
        if (plugin == null) throw CausaException.notFound("no plugin " + id + " (see: causa plugin list)");
        PluginDescriptor d = plugin.getDescriptor();
        Extensions now = extensions;
        return new PluginInfo(id, d.getVersion(), plugin.getPluginState().toString().toLowerCase(), d.getProvider(),
                d.getPluginDescription(), d.getRequires(),
                d.getDependencies().stream().map(dep -> dep.getPluginId() + (dep.isOptional() ? "?" : "") + "@"
                        + dep.getPluginVersionSupport()).toList(),
                plugin.getPluginPath().toString(), !isUserPlugin(plugin),
                now.actions().stream().filter(c -> id.equals(c.pluginId())).map(c -> c.extension().type()).toList(),
                now.jobs().stream().filter(c -> id.equals(c.pluginId())).map(c -> c.extension().type()).toList());
    }

    /** Whether the plugin was installed by the user (into {@code <home>/plugins}) rather than shipped built in. */
    public boolean isUserPlugin(PluginWrapper plugin) {
        return plugin.getPluginPath().toAbsolutePath().normalize()
                .startsWith(userPlugins.toAbsolutePath().normalize());
    }

    public Extensions extensions() {
        return extensions;
    }

    public PluginManager manager() {
        return manager;
    }

    public Path userPluginFolder() {
        return userPlugins;
    }

    /** The data folder of a plugin inside the causa home, created on first use. */
    public Path dataDirectory(String pluginId) {
        Path dir = dataRoot.resolve(pluginId == null ? "engine" : pluginId);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return dir;
    }

    @Override
    public synchronized void close() {
        for (PluginWrapper plugin : List.copyOf(manager.getStartedPlugins())) {
            try {
                manager.stopPlugin(plugin.getPluginId());
            } catch (RuntimeException e) {
                log.warn("plugin {} failed to stop", plugin.getPluginId(), e);
            }
        }
    }
}
