package dev.causa.engine.plugin;

/** An extension and the plugin that contributed it ({@code null} for one on the engine's own class path). */
public record Contribution<T>(T extension, String pluginId) {
}
