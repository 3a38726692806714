package dev.causa.engine.store.mapdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The store's write-ahead journal: what makes a save durable. Each group of changes is appended as checksummed
 * entries and forced to disk with one fsync (a fraction of a millisecond), instead of a MapDB commit, which costs
 * several syncs and milliseconds. MapDB is committed now and then (a checkpoint) and the journal started afresh;
 * on open, the journals newer than the last checkpoint are replayed. Replay is idempotent, and a torn tail (a
 * crash during an append) is cut off: those entries were never acknowledged.
 *
 * <p>Files are {@code <store>.journal-<epoch>}; the epoch of the last checkpoint is kept in the store's meta map.
 */
final class Journal implements AutoCloseable {

    private static final int HEADER = 8; // length + CRC32C

    private final Path path;
    private final long epoch;
    private final FileChannel channel;
    private long goodEnd;

    private Journal(Path path, long epoch, FileChannel channel, long goodEnd) {
        this.path = path;
        this.epoch = epoch;
        this.channel = channel;
        this.goodEnd = goodEnd;
    }

    static Path pathFor(Path storeFile, long epoch) {
        return storeFile.resolveSibling(storeFile.getFileName() + ".journal-" + epoch);
    }

    /** Opens (or creates) the journal of {@code epoch} for appending after its last whole entry. */
    static Journal open(Path storeFile, long epoch) throws IOException {
        Path path = pathFor(storeFile, epoch);
        long end = Files.exists(path) ? replay(path, entry -> { }) : 0;
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        channel.truncate(end);
        channel.position(end);
        return new Journal(path, epoch, channel, end);
    }

    /** The epochs of the journals beside {@code storeFile}, oldest first. */
    static List<Long> epochs(Path storeFile) throws IOException {
        String prefix = storeFile.getFileName() + ".journal-";
        try (Stream<Path> files = Files.list(storeFile.toAbsolutePath().getParent())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix))
                    .map(n -> n.substring(prefix.length())).filter(s -> s.matches("\\d+")).map(Long::parseLong)
                    .sorted().toList();
        }
    }

    /**
     * Hands every whole entry of a journal file to {@code each}, in order, and returns where the whole entries
     * end (a torn or damaged tail after that is ignored).
     */
    static long replay(Path path, Consumer<ByteBuffer> each) throws IOException {
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = in.size();
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (position + HEADER <= size) {
                header.clear();
                in.read(header, position);
                header.flip();
                int length = header.getInt();
                int crc = header.getInt();
                if (length < 0 || position + HEADER + length > size) break;
                ByteBuffer entry = ByteBuffer.allocate(length);
                in.read(entry, position + HEADER);
                entry.flip();
                if (checksum(entry) != crc) break;
                each.accept(entry.asReadOnlyBuffer());
                position += HEADER + length;
            }
            return position;
        }
    }

    /** Appends the entries and forces them to disk; on failure the journal is cut back to its last whole entry. */
    void append(List<byte[]> entries) throws IOException {
        if (entries.isEmpty()) return;
        int total = 0;
        for (byte[] e : entries) total += HEADER + e.length;
        ByteBuffer batch = ByteBuffer.allocate(total);
        for (byte[] e : entries) {
            batch.putInt(e.length).putInt(checksum(ByteBuffer.wrap(e))).put(e);
        }
        batch.flip();
        try {
            while (batch.hasRemaining()) channel.write(batch);
            channel.force(false);
            goodEnd = channel.position();
        } catch (IOException e) {
            try {
                channel.truncate(goodEnd);
                channel.position(goodEnd);
            } catch (IOException ignored) {
                // the append failed already; replay cuts a torn tail anyway
            }
            throw e;
        }
    }

    long size() {
        return goodEnd;
    }

    long epoch() {
        return epoch;
    }

    private static int checksum(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }

    /** Deletes the journals of epochs before {@code epoch}: a checkpoint has them all. */
    static void deleteBefore(Path storeFile, long epoch) throws IOException {
        List<Long> old = new ArrayList<>(epochs(storeFile));
        old.removeIf(e -> e >= epoch);
        for (long e : old) Files.deleteIfExists(pathFor(storeFile, e));
    }
}
