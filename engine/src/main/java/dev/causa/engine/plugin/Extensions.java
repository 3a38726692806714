package dev.causa.engine.plugin;

import dev.causa.api.Action;
import dev.causa.api.ActionContextProvider;
import dev.causa.api.Job;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the installed plugins offer, by type name: an immutable snapshot, rebuilt whenever plugins change. A type
 * claimed by two plugins goes to the first and the clash is reported in {@link #conflicts()}.
 */
public final class Extensions {

    private final Map<String, Contribution<Action<?>>> actions;
    private final Map<String, Contribution<ActionContextProvider<?>>> providers;
    private final Map<String, Contribution<Job<?>>> jobs;
    private final List<String> conflicts;

    private Extensions(Map<String, Contribution<Action<?>>> actions,
                       Map<String, Contribution<ActionContextProvider<?>>> providers,
                       Map<String, Contribution<Job<?>>> jobs, List<String> conflicts) {
        this.actions = Collections.unmodifiableMap(actions);
        this.providers = Collections.unmodifiableMap(providers);
        this.jobs = Collections.unmodifiableMap(jobs);
        this.conflicts = List.copyOf(conflicts);
    }

    public static Extensions empty() {
        return of(List.of(), List.of(), List.of());
    }

    public static Extensions of(List<Contribution<Action<?>>> actions,
                                List<Contribution<ActionContextProvider<?>>> providers,
                                List<Contribution<Job<?>>> jobs) {
        List<String> conflicts = new ArrayList<>();
        return new Extensions(
                index(actions, Action::type, "action type", conflicts),
                index(providers, ActionContextProvider::actionType, "context provider for", conflicts),
                index(jobs, Job::type, "job type", conflicts),
                conflicts);
    }

    private static <T> Map<String, Contribution<T>> index(List<Contribution<T>> all, Function<T, String> name,
                                                          String what, List<String> conflicts) {
        Map<String, Contribution<T>> byName = new TreeMap<>();
        for (Contribution<T> c : all) {
            String key = name.apply(c.extension());
            Contribution<T> first = byName.putIfAbsent(key, c);
            if (first != null) {
                conflicts.add(what + " '" + key + "' is claimed by plugin " + c.pluginId()
                        + " and already by " + first.pluginId() + ": ignored in " + c.pluginId());
            }
        }
        return byName;
    }

    public Optional<Contribution<Action<?>>> action(String type) {
        return Optional.ofNullable(actions.get(type));
    }

    public Optional<Contribution<ActionContextProvider<?>>> provider(String actionType) {
        return Optional.ofNullable(providers.get(actionType));
    }

    public Optional<Contribution<Job<?>>> job(String type) {
        return Optional.ofNullable(jobs.get(type));
    }

    /** Action types, sorted. */
    public List<Contribution<Action<?>>> actions() {
        return List.copyOf(actions.values());
    }

    public List<Contribution<Job<?>>> jobs() {
        return List.copyOf(jobs.values());
    }

    public List<String> conflicts() {
        return conflicts;
    }
}
