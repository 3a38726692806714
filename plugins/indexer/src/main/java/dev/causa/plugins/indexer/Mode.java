package dev.causa.plugins.indexer;

/** How deep an index goes. */
public enum Mode {
    /** Only the entries directly in the location. */
    SHALLOW,
    /** The whole tree: names, sizes, extensions. */
    DEEP,
    /** The whole tree, and a SHA-256 of every file, which finds duplicates. */
    CONTENT
}
