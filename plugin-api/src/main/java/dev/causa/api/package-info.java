/**
 * The causa plugin API. A plugin contributes {@link dev.causa.api.Action}s, one
 * {@link dev.causa.api.ActionContextProvider} per action type, and {@link dev.causa.api.Job}s, each as a PF4J
 * {@code @Extension}. Nothing here depends on the engine's internals.
 */
package dev.causa.api;
