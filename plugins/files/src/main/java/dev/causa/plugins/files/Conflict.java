package dev.causa.plugins.files;

/** What to do when the destination already has a file of the same name. */
public enum Conflict {
    /** Keep the existing file; the source file is counted as skipped. */
    SKIP,
    /** Replace the existing file. */
    OVERWRITE,
    /** Write beside it as {@code name (1).ext}. */
    RENAME
}
