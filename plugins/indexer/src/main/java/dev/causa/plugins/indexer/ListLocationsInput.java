package dev.causa.plugins.indexer;

/** The input of {@code locations.list}: optionally one location, by id or name. */
public record ListLocationsInput(String location) {
}
