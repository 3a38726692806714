package dev.causa.plugins.indexer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files under a root, relative to it and sorted (so every run lists them in the same order), with their total
 * size and the top-level folders they lie in.
 */
record Discovery(List<String> files, long bytes, List<String> topFolders, Map<String, Long> sizes) {

    static Discovery walk(Path root, Mode mode, List<String> exclude) throws IOException {
        Set<String> skip = Set.copyOf(exclude);
        TreeSet<String> files = new TreeSet<>();
        TreeSet<String> folders = new TreeSet<>();
        Map<String, Long> sizes = new HashMap<>();
        int depth = mode == Mode.SHALLOW ? 1 : Integer.MAX_VALUE;
        Files.walkFileTree(root, Set.of(), depth, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) return FileVisitResult.CONTINUE;
                String relative = root.relativize(dir).toString();
                if (dir.getParent().equals(root)) {
                    if (skip.contains(relative)) return FileVisitResult.SKIP_SUBTREE;
                    folders.add(relative);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    String relative = root.relativize(file).toString();
                    files.add(relative);
                    sizes.put(relative, attrs.size());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        long bytes = sizes.values().stream().mapToLong(Long::longValue).sum();
        return new Discovery(new ArrayList<>(files), bytes, new ArrayList<>(folders), sizes);
    }

    /** The files that remain once the given top-level folders are handed to other jobs. */
    Discovery withoutFolders(List<String> handedOff) {
        List<String> kept = files.stream().filter(f -> handedOff.stream()
                .noneMatch(d -> Path.of(f).startsWith(d))).toList();
        long keptBytes = kept.stream().mapToLong(sizes::get).sum();
        return new Discovery(kept, keptBytes, List.of(), sizes);
    }
}
