package dev.causa.engine.model;

/** The real error a job failed with: its message and stack as text, never a class that must be loaded. */
public record JobError(String type, String message, String stack) {
}
