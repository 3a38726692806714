package dev.causa.plugins.indexer;

import java.util.List;

/** The input of {@code indexing.scan}: paths to index now (each becomes or reuses a location). */
public record ScanInput(List<String> paths, Mode mode) {

    public ScanInput {
        mode = mode == null ? Mode.DEEP : mode;
    }
}
