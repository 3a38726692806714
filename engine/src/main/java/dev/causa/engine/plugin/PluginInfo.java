package dev.causa.engine.plugin;

import java.util.List;

/**
 * A loaded plugin as {@code plugin list} and {@code plugin info} show it.
 *
 * @param state     PF4J's state in lower case: {@code started}, {@code disabled}, {@code failed}, ...
 * @param builtin   shipped with the distribution: it can be disabled but not uninstalled
 * @param actions   the action types it contributes to the current snapshot
 * @param jobTypes  the job types it contributes to the current snapshot
 */
public record PluginInfo(String id, String version, String state, String provider, String description,
                         String requires, List<String> dependencies, String path, boolean builtin,
                         List<String> actions, List<String> jobTypes) {
}
