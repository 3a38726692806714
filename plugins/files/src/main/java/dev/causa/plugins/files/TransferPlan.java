package dev.causa.plugins.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every file and directory a copy or move touches, in a fixed order, so that a checkpoint's index means the same
 * entry when the job runs again.
 */
record TransferPlan(List<Entry> entries, long totalBytes, int fileCount) {

    /** One file or directory and where it goes. */
    record Entry(Path source, Path target, long size, boolean directory) {
    }

    /**
     * @param sourcesMayBeGone true for a move, whose sources go away as it proceeds; for a copy a missing source
     *                         is an error
     */
    static TransferPlan of(TransferPayload payload, boolean sourcesMayBeGone) throws IOException {
        Path destination = Path.of(payload.destination()).toAbsolutePath().normalize();
        List<Entry> entries = new ArrayList<>();
        for (String text : payload.sources()) {
            Path source = Path.of(text).toAbsolutePath().normalize();
            if (!Files.exists(source)) {
                if (sourcesMayBeGone) continue;
                throw new java.nio.file.NoSuchFileException(source.toString());
            }
            Path base = source.getParent();
            if (Files.isDirectory(source)) {
                try (Stream<Path> walk = Files.walk(source)) {
                    for (Path p : walk.sorted().toList()) {
                        boolean dir = Files.isDirectory(p);
                        entries.add(new Entry(p, destination.resolve(base.relativize(p).toString()),
                                dir ? 0 : Files.size(p), dir));
                    }
                }
            } else {
                entries.add(new Entry(source, destination.resolve(source.getFileName().toString()),
                        Files.size(source), false));
            }
        }
        long bytes = entries.stream().mapToLong(Entry::size).sum();
        int files = (int) entries.stream().filter(e -> !e.directory()).count();
        return new TransferPlan(List.copyOf(entries), bytes, files);
    }
}
