package dev.causa.plugins.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.api.JobInterruptedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferJobTest {

    @TempDir
    Path tmp;

    private Path tree(String name, int files) throws IOException {
        Path root = tmp.resolve(name);
        Random random = new Random(42);
        for (int i = 0; i < files; i++) {
            Path file = root.resolve("d" + (i % 3)).resolve("f" + i + ".bin");
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[1000 + random.nextInt(5000)];
            random.nextBytes(bytes);
            Files.write(file, bytes);
        }
        return root;
    }

    @Test
    void aPausedCopyContinuesWithTheNextFileAndEndsWithAnIdenticalTree() throws Exception {
        Path source = tree("src", 12);
        Path destination = tmp.resolve("dst");
        TransferPayload payload = new TransferPayload(List.of(source.toString()), destination.toString(), Conflict.SKIP);

        ScriptedJobContext first = new ScriptedJobContext(null, 7);
        assertThatThrownBy(() -> new CopyJob().run(payload, first)).isInstanceOf(JobInterruptedException.class);
        TransferCheckpoint at = (TransferCheckpoint) first.lastCheckpoint();
        assertThat(at.nextIndex()).isEqualTo(7);

        // files copied before the pause must not be written again: mark them
        FileTime marker = FileTime.fromMillis(1_000_000_000_000L);
        List<Path> copiedBefore = files(destination);
        for (Path p : copiedBefore) Files.setLastModifiedTime(p, marker);

        ScriptedJobContext second = new ScriptedJobContext(at, -1);
        new CopyJob().run(payload, second);

        assertSameTree(source, destination.resolve("src"));
        for (Path p : copiedBefore) assertThat(Files.getLastModifiedTime(p)).as(p.toString()).isEqualTo(marker);
        assertThat(second.log).contains("continuing after " + at.filesDone() + " files, at entry 7 of " + (12 + 4));
        assertThat(at.filesDone()).isBetween(1, 11);
        assertThat(second.progress.getLast().message()).isEqualTo("Copied 12 files (0 skipped) to " + destination);
        assertThat(second.progress.getLast().bytesCompleted()).isEqualTo(second.progress.getLast().totalBytes());
    }

    @Test
    void conflictsAreSkippedOverwrittenOrRenamedAsAsked() throws Exception {
        Path source = tree("src", 3);
        Path destination = tmp.resolve("dst");
        Path clash = destination.resolve("src/d0/f0.bin");
        Files.createDirectories(clash.getParent());
        Files.writeString(clash, "old");

        new CopyJob().run(new TransferPayload(List.of(source.toString()), destination.toString(), Conflict.SKIP),
                new ScriptedJobContext(null, -1));
        assertThat(Files.readString(clash)).isEqualTo("old");

        new CopyJob().run(new TransferPayload(List.of(source.toString()), destination.toString(), Conflict.RENAME),
                new ScriptedJobContext(null, -1));
        assertThat(Files.readString(clash)).isEqualTo("old");
        assertThat(Files.mismatch(destination.resolve("src/d0/f0 (1).bin"), source.resolve("d0/f0.bin"))).isEqualTo(-1);

        new CopyJob().run(new TransferPayload(List.of(source.toString()), destination.toString(), Conflict.OVERWRITE),
                new ScriptedJobContext(null, -1));
        assertThat(Files.mismatch(clash, source.resolve("d0/f0.bin"))).isEqualTo(-1);
    }

    @Test
    void aMoveInterruptedHalfWayLosesNothing() throws Exception {
        Path source = tree("src", 9);
        Path copy = tree("expected", 9);
        Path destination = tmp.resolve("dst");
        TransferPayload payload = new TransferPayload(List.of(source.toString()), destination.toString(), Conflict.SKIP);

        ScriptedJobContext first = new ScriptedJobContext(null, 5);
        assertThatThrownBy(() -> new MoveJob().run(payload, first)).isInstanceOf(JobInterruptedException.class);
        new MoveJob().run(payload, new ScriptedJobContext(first.lastCheckpoint(), -1));

        assertSameTree(copy, destination.resolve("src"));
        assertThat(source).doesNotExist();
    }

    @Test
    void deleteRemovesTheTreeAndCanBeResumed() throws Exception {
        Path doomed = tree("doomed", 250);
        ScriptedJobContext first = new ScriptedJobContext(null, 1);
        assertThatThrownBy(() -> new DeleteJob().run(new DeletePayload(List.of(doomed.toString())), first))
                .isInstanceOf(JobInterruptedException.class);
        assertThat(doomed).exists();

        new DeleteJob().run(new DeletePayload(List.of(doomed.toString())),
                new ScriptedJobContext(first.lastCheckpoint(), -1));
        assertThat(doomed).doesNotExist();
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void assertSameTree(Path expected, Path actual) throws IOException {
        List<Path> want = files(expected).stream().map(expected::relativize).toList();
        List<Path> got = files(actual).stream().map(actual::relativize).toList();
        assertThat(got).containsExactlyElementsOf(want);
        for (Path rel : want) {
            assertThat(Files.mismatch(expected.resolve(rel), actual.resolve(rel))).as(rel.toString()).isEqualTo(-1);
        }
    }
}
