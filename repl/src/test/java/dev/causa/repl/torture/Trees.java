package dev.causa.repl.torture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

/** Generated source trees for the copies, and the byte-for-byte comparison of a copy with its source. */
final class Trees {

    private Trees() {
    }

    /** A tree of a few folders and 3–14 files, mostly small, sometimes one of a few megabytes. */
    static void generate(Path root, Random random) throws IOException {
        Files.createDirectories(root);
        int files = random.nextInt(3, 15);
        for (int i = 0; i < files; i++) {
            Path folder = root;
            for (int d = random.nextInt(3); d > 0; d--) folder = folder.resolve("d" + random.nextInt(3));
            Files.createDirectories(folder);
            int size = random.nextInt(10) == 0 ? random.nextInt(1 << 20, 4 << 20) : random.nextInt(0, 64 << 10);
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            Files.write(folder.resolve("f" + i + ".bin"), bytes);
        }
    }

    /**
     * Differences between a source tree and its copy at {@code destination/<source name>}: missing, extra or
     * differing files, one line each; empty if the copy is exact.
     */
    static java.util.List<String> compare(Path source, Path destination) throws IOException {
        Path copy = destination.resolve(source.getFileName().toString());
        java.util.List<String> problems = new java.util.ArrayList<>();
        java.util.Set<Path> expected = relativeFiles(source);
        java.util.Set<Path> actual = Files.isDirectory(copy) ? relativeFiles(copy) : java.util.Set.of();
        for (Path rel : expected) {
            if (!actual.contains(rel)) {
                problems.add("missing " + copy.resolve(rel));
            } else if (Files.mismatch(source.resolve(rel), copy.resolve(rel)) != -1) {
                problems.add("differs " + copy.resolve(rel));
            }
        }
        for (Path rel : actual) {
            if (!expected.contains(rel)) problems.add("extra " + copy.resolve(rel));
        }
        return problems;
    }

    private static java.util.Set<Path> relativeFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize)
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }
}
