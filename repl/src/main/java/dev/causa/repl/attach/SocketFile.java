package dev.causa.repl.attach;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * {@code <home>/causa.sock}: the Unix-domain socket of the process that holds a home. Only its owner may use it
 * (mode 0600, and the listener refuses a world-writable home, where anyone could replace the file).
 */
public final class SocketFile {

    public static final String NAME = "causa.sock";

    private SocketFile() {
    }

    public static Path of(Path home) {
        return home.toAbsolutePath().resolve(NAME);
    }

    /** A connection to the home's live listener; empty if there is no socket file or nobody listens on it. */
    public static Optional<SocketChannel> connect(Path home) {
        Path path = of(home);
        if (!Files.exists(path)) return Optional.empty();
        try {
            return Optional.of(SocketChannel.open(UnixDomainSocketAddress.of(path)));
        } catch (IOException staleOrRefused) {
            return Optional.empty(); // a stale file: whoever listens next replaces it
        }
    }

    /**
     * Listens on the home's socket, replacing a stale file. The socket is bound in a private folder, made 0600 and
     * only then moved into place, so it is never reachable with wider permissions.
     *
     * @throws IOException if the home is world-writable, another process listens already, or binding fails
     */
    static ServerSocketChannel listen(Path home) throws IOException {
        Path dir = home.toAbsolutePath();
        Set<PosixFilePermission> homePermissions = Files.getPosixFilePermissions(dir);
        if (homePermissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(dir + " is world-writable: other users could replace " + NAME);
        }
        Path target = of(home);
        if (connect(home).map(SocketFile::closeQuietly).orElse(false)) {
            throw new IOException("another causa process listens on " + target);
        }
        Path privateDir = Files.createTempDirectory(dir, ".causa-sock-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path bound = privateDir.resolve(NAME);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(bound));
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            Files.move(bound, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        } finally {
            Files.deleteIfExists(bound);
            Files.deleteIfExists(privateDir);
        }
    }

    private static boolean closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // it was live: that is all we wanted to know
        }
        return true;
    }
}
