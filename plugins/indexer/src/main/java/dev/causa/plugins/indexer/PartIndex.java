package dev.causa.plugins.indexer;

import java.util.List;
import java.util.Map;

/**
 * What one indexer job found in its part of a location. Paths are relative to the location, so two runs over the
 * same tree give equal indexes wherever the tree lies.
 *
 * @param byExtension per lower-case extension ({@code ""} for none): files and bytes
 * @param hashes      content mode only: SHA-256 to the paths with that content
 */
public record PartIndex(String locationId, String part, long files, long bytes,
                        Map<String, Totals> byExtension, Map<String, List<String>> hashes, String finishedAt,
                        String jobId) {

    /** Files and bytes. */
    public record Totals(long files, long bytes) {
        Totals plus(long size) {
            return new Totals(files + 1, bytes + size);
        }
    }
}
