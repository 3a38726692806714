package dev.causa.engine.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    private static List<String> read(Path path) throws Exception {
        List<String> out = new ArrayList<>();
        Journal.replay(path, e -> out.add(StandardCharsets.UTF_8.decode(e).toString()));
        return out;
    }

    @Test
    void entriesComeBackInOrderAndATornTailIsCutOff() throws Exception {
        Path store = dir.resolve("causa.db");
        try (Journal journal = Journal.open(store, 7)) {
            journal.append(List.of("one".getBytes(), "two".getBytes()));
            journal.append(List.of("three".getBytes()));
        }
        Path file = Journal.pathFor(store, 7);
        assertThat(read(file)).containsExactly("one", "two", "three");

        // a crash in the middle of an append: a header promising more bytes than were written
        Files.write(file, ByteBuffer.allocate(8).putInt(100).putInt(42).array(), StandardOpenOption.APPEND);
        Files.write(file, "par".getBytes(), StandardOpenOption.APPEND);
        assertThat(read(file)).containsExactly("one", "two", "three");

        try (Journal journal = Journal.open(store, 7)) { // appending goes on after the last whole entry
            journal.append(List.of("four".getBytes()));
        }
        assertThat(read(file)).containsExactly("one", "two", "three", "four");
    }

    @Test
    void aDamagedEntryEndsTheReplay() throws Exception {
        Path store = dir.resolve("causa.db");
        try (Journal journal = Journal.open(store, 1)) {
            journal.append(List.of("alpha".getBytes(), "bravo".getBytes()));
        }
        Path file = Journal.pathFor(store, 1);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x55; // flip bits in the last entry's payload
        Files.write(file, bytes);
        assertThat(read(file)).containsExactly("alpha");
        assertThat(Journal.epochs(store)).containsExactly(1L);
    }
}
