package dev.causa.engine.plugin;

import dev.causa.engine.model.CausaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.pf4j.PluginDependency;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.VersionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, updates, enables, disables and uninstalls plugins while the engine runs. Every change is checked
 * before anything is touched and rolled back if PF4J or the plugin refuses it midway, so a refused change leaves
 * the plugin folder, PF4J's {@code enabled.txt}/{@code disabled.txt} and the running plugins as they were. After
 * a change the {@link Extensions} snapshot is rebuilt; the caller lets waiting jobs continue.
 */
public final class PluginChanges {

    private static final Logger log = LoggerFactory.getLogger(PluginChanges.class);

    private final PluginHost host;
    private final Predicate<String> jobTypeRunning;

    /** @param jobTypeRunning whether a job of the given type is running in this process right now */
    public PluginChanges(PluginHost host, Predicate<String> jobTypeRunning) {
        this.host = host;
        this.jobTypeRunning = jobTypeRunning;
    }

    /** Installs a plugin jar, or updates an installed plugin to a newer version; it is started at once. */
    public PluginInfo install(Path file) {
        synchronized (host) {
            PluginJar jar = PluginJar.read(file.toAbsolutePath().normalize());
            PluginManager manager = host.manager();
            VersionManager versions = manager.getVersionManager();
            PluginWrapper old = manager.getPlugin(jar.id());
            if (old != null) {
                String had = old.getDescriptor().getVersion();
                if (versions.compareVersions(jar.version(), had) <= 0) {
                    throw CausaException.badInput("plugin " + jar.id() + " " + had + " is already installed"
                            + " (the jar has version " + jar.version() + "; only a newer version updates it)");
                }
                if (!host.isUserPlugin(old)) {
                    throw CausaException.badInput("plugin " + jar.id() + " is built into causa and cannot be"
                            + " replaced; install it under another Plugin-Id");
                }
            }
            checkRequires(jar, versions, manager.getSystemVersion());
            checkDependencies(jar, manager, versions);
            return old == null ? add(jar, null) : update(jar, old);
        }
    }

    private static void checkRequires(PluginJar jar, VersionManager versions, String engine) {
        String requires = jar.descriptor().getRequires();
        if (requires == null || requires.isBlank() || requires.equals("*")) return;
        boolean ok;
        try {
            ok = versions.checkVersionConstraint(engine, requires);
        } catch (RuntimeException e) {
            throw CausaException.badInput("plugin " + jar.id() + " has an unreadable Plugin-Requires '" + requires + "'");
        }
        if (!ok) {
            throw CausaException.badInput("plugin " + jar.id() + " " + jar.version() + " requires causa "
                    + requires + ", but this is causa " + engine);
        }
    }

    private static void checkDependencies(PluginJar jar, PluginManager manager, VersionManager versions) {
        List<String> missing = new ArrayList<>();
        for (PluginDependency dependency : jar.descriptor().getDependencies()) {
            if (dependency.isOptional()) continue;
            PluginWrapper present = manager.getPlugin(dependency.getPluginId());
            String wanted = dependency.getPluginVersionSupport();
            if (present == null || present.getPluginState() != PluginState.STARTED) {
                missing.add(dependency.getPluginId() + (wanted.equals("*") ? "" : " " + wanted)
                        + (present == null ? "" : " (installed but " + state(present) + ")"));
            } else if (!wanted.equals("*")
                    && !versions.checkVersionConstraint(present.getDescriptor().getVersion(), wanted)) {
                missing.add(dependency.getPluginId() + " " + wanted + " (installed: "
                        + present.getDescriptor().getVersion() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw CausaException.badInput("plugin " + jar.id() + " needs plugin(s) that are not installed: "
                    + String.join(", ", missing));
        }
    }

    /** Copies the jar in, loads and starts it; on any refusal removes every trace and says why. */
    private PluginInfo add(PluginJar jar, Runnable onRollback) {
        Path target = host.userPluginFolder().resolve(jar.installedName());
        try {
            Files.copy(jar.file(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + jar.file() + " into " + host.userPluginFolder(), e);
        }
        PluginManager manager = host.manager();
        String id = null;
        try {
            id = manager.loadPlugin(target);
            PluginState state = manager.startPlugin(id);
            if (state != PluginState.STARTED) {
                throw CausaException.badInput("plugin " + id + " did not start (state " + state + ")");
            }
            List<String> before = host.extensions().conflicts();
            host.refresh();
            List<String> clashes = new ArrayList<>(host.extensions().conflicts());
            clashes.removeAll(before);
            if (!clashes.isEmpty()) throw CausaException.badInput("plugin " + id + " refused: " + clashes.getFirst());
            return host.info(id);
        } catch (RuntimeException | LinkageError e) {
            if (id != null) unload(id);
            deleteQuietly(target);
            host.refresh();
            if (onRollback != null) onRollback.run();
            if (e instanceof CausaException c) throw c;
            throw CausaException.badInput("plugin " + jar.id() + " failed to start: " + describe(e));
        }
    }

    /** Replaces an installed user plugin by a newer jar; the old one comes back if the new one is refused. */
    private PluginInfo update(PluginJar jar, PluginWrapper old) {
        requireIdle(old.getPluginId(), "update");
        requireNoDependents(old.getPluginId(), "update");
        Path oldJar = old.getPluginPath();
        boolean wasStarted = old.getPluginState() == PluginState.STARTED;
        Path aside;
        try {
            aside = Files.createTempFile(host.userPluginFolder().getParent(), "." + old.getPluginId() + "-", ".jar.old");
            unload(old.getPluginId());
            Files.move(oldJar, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set " + oldJar + " aside for the update", e);
        }
        PluginInfo info = add(jar, () -> restore(aside, oldJar, wasStarted));
        deleteQuietly(aside);
        log.info("plugin {} updated from {} to {}", jar.id(), old.getDescriptor().getVersion(), jar.version());
        return info;
    }

    private void restore(Path aside, Path oldJar, boolean start) {
        try {
            Files.move(aside, oldJar, StandardCopyOption.REPLACE_EXISTING);
            String id = host.manager().loadPlugin(oldJar);
            if (start) host.manager().startPlugin(id);
            host.refresh();
        } catch (IOException | RuntimeException e) {
            log.error("could not bring back {} after a refused update", oldJar, e);
        }
    }

    /** Starts a disabled plugin and remembers that it is enabled. */
    public PluginInfo enable(String id) {
        synchronized (host) {
            PluginWrapper plugin = require(id);
            if (plugin.getPluginState() == PluginState.STARTED) return host.info(id);
            PluginManager manager = host.manager();
            List<String> before = host.extensions().conflicts();
            try {
                manager.enablePlugin(id);
                PluginState state = manager.startPlugin(id);
                if (state != PluginState.STARTED) throw new IllegalStateException("state " + state);
            } catch (RuntimeException | LinkageError e) {
                try {
                    manager.disablePlugin(id);
                } catch (RuntimeException ignored) {
                    // it did not start; leaving it disabled is all that is left to do
                }
                host.refresh();
                throw CausaException.badInput("plugin " + id + " failed to start: " + describe(e));
            }
            host.refresh();
            List<String> clashes = new ArrayList<>(host.extensions().conflicts());
            clashes.removeAll(before);
            if (!clashes.isEmpty()) {
                manager.disablePlugin(id);
                host.refresh();
                throw CausaException.badInput("plugin " + id + " stays disabled: " + clashes.getFirst());
            }
            return host.info(id);
        }
    }

    /** Stops a plugin and remembers that it is disabled; its actions and job types disappear until enabled. */
    public PluginInfo disable(String id) {
        synchronized (host) {
            PluginWrapper plugin = require(id);
            if (plugin.getPluginState() == PluginState.DISABLED) return host.info(id);
            requireIdle(id, "disable");
            requireNoDependents(id, "disable");
            if (!host.manager().disablePlugin(id)) {
                throw CausaException.badInput("plugin " + id + " could not be disabled (state " + state(plugin) + ")");
            }
            host.refresh();
            return host.info(id);
        }
    }

    /** Removes a user-installed plugin and its jar. Built-in plugins can only be disabled. */
    public PluginInfo uninstall(String id) {
        synchronized (host) {
            PluginWrapper plugin = require(id);
            if (!host.isUserPlugin(plugin)) {
                throw CausaException.badInput("plugin " + id + " is built into causa and cannot be uninstalled;"
                        + " disable it instead: causa plugin disable " + id);
            }
            requireIdle(id, "uninstall");
            requireNoDependents(id, "uninstall");
            PluginInfo info = host.info(id);
            Path jar = plugin.getPluginPath();
            // Forget a "disabled" mark, so that installing the plugin again starts it.
            if (plugin.getPluginState() == PluginState.DISABLED) host.manager().enablePlugin(id);
            unload(id);
            try {
                Files.deleteIfExists(jar);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + jar, e);
            }
            host.refresh();
            return info;
        }
    }

    private PluginWrapper require(String id) {
        PluginWrapper plugin = host.manager().getPlugin(id);
        if (plugin == null) throw CausaException.notFound("no plugin " + id + " (see: causa plugin list)");
        return plugin;
    }

    private void requireIdle(String id, String what) {
        List<String> busy = host.extensions().jobs().stream().filter(c -> id.equals(c.pluginId()))
                .map(c -> c.extension().type()).filter(jobTypeRunning).toList();
        if (!busy.isEmpty()) {
            throw CausaException.badInput("cannot " + what + " plugin " + id + " while its jobs run (" + String.join(
                    ", ", busy) + "): pause or cancel them first");
        }
    }

    /** PF4J would stop or unload the plugins that need this one along with it: refuse instead. */
    private void requireNoDependents(String id, String what) {
        List<String> dependents = host.manager().getPlugins().stream()
                .filter(p -> p.getPluginState() == PluginState.STARTED)
                .filter(p -> p.getDescriptor().getDependencies().stream()
                        .anyMatch(d -> !d.isOptional() && d.getPluginId().equals(id)))
                .map(PluginWrapper::getPluginId).toList();
        if (!dependents.isEmpty()) {
            throw CausaException.badInput("cannot " + what + " plugin " + id + ": plugin(s) " + String.join(", ",
                    dependents) + " need it; disable or uninstall them first");
        }
    }

    private void unload(String id) {
        PluginManager manager = host.manager();
        try {
            if (manager.getPlugin(id) != null && manager.getPlugin(id).getPluginState() == PluginState.STARTED) {
                manager.stopPlugin(id);
            }
        } catch (RuntimeException e) {
            log.warn("plugin {} failed to stop", id, e);
        }
        try {
            manager.unloadPlugin(id);
        } catch (RuntimeException e) {
            log.warn("plugin {} failed to unload", id, e);
        }
    }

    private static String state(PluginWrapper plugin) {
        return plugin.getPluginState().toString().toLowerCase();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}", file, e);
        }
    }
}
