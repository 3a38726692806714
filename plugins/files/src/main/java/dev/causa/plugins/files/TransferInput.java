package dev.causa.plugins.files;

import java.util.List;

/**
 * The input of {@code files.copy} and {@code files.move}: each source (file or directory) ends up inside
 * {@code destination} under its own name.
 */
public record TransferInput(List<String> sources, String destination, Conflict conflict) {

    public TransferInput {
        conflict = conflict == null ? Conflict.SKIP : conflict;
    }
}
