package dev.causa.plugins.indexer;

import java.util.List;

/**
 * What an {@code indexer} job indexes.
 *
 * @param part       the part of the location this job indexes: {@code ""} for the location's own job, else the
 *                   top-level folder a child job took over
 * @param root       the folder this job walks
 * @param exclude    top-level folders of {@code root} that child jobs index instead
 * @param dataDir    the indexer's data folder (the action's {@code ActionScope.dataDirectory()})
 * @param batchSize  files per checkpoint
 * @param splitAbove a location with more files than this hands each top-level folder to a child job
 */
public record IndexPayload(String locationId, String name, String part, String root, Mode mode,
                           List<String> exclude, String dataDir, int batchSize, int splitAbove) {

    static final int DEFAULT_BATCH = Integer.getInteger("causa.indexer.batch", 200);
    static final int DEFAULT_SPLIT = Integer.getInteger("causa.indexer.splitAbove", 20_000);

    static IndexPayload forLocation(Location location, String dataDir) {
        return new IndexPayload(location.id(), location.name(), "", location.path(), location.mode(), List.of(),
                dataDir, DEFAULT_BATCH, DEFAULT_SPLIT);
    }

    IndexPayload child(String folder) {
        return new IndexPayload(locationId, name, folder, java.nio.file.Path.of(root).resolve(folder).toString(), mode,
                List.of(), dataDir, batchSize, Integer.MAX_VALUE);
    }
}
