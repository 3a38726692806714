package dev.causa.plugins.indexer;

/** A registered location: a folder the indexer keeps an index of. */
public record Location(String id, String name, String path, Mode mode, String addedAt) {
}
