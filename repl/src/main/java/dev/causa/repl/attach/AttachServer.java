package dev.causa.repl.attach;

import dev.causa.engine.Causa;
import dev.causa.engine.json.Json;
import dev.causa.repl.Session;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@code <home>/causa.sock} while this process holds the home's engine, and runs each command sent there
 * ({@link AttachConnection}) in a session of its own that shares the one open engine. The front end that holds the
 * engine (the REPL, {@code causa serve}) starts it with {@link #start} and closes it before the engine.
 */
public final class AttachServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AttachServer.class);

    private final Session owner;
    private final ServerSocketChannel server;
    private final Path socket;
    private final Object socketKey;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    private AttachServer(Session owner, ServerSocketChannel server, Path socket) throws IOException {
        this.owner = owner;
        this.server = server;
        this.socket = socket;
        this.socketKey = Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        this.acceptor = Thread.ofPlatform().name("causa-attach").daemon(true).unstarted(this::accept);
    }

    /**
     * Starts listening for commands of other {@code causa} processes on this session's home. Call it once the
     * session holds the home's engine (or is about to open it: commands wait for it). Never throws: a home where
     * it cannot listen (world-writable, another listener) is logged, and other commands then open the store
     * themselves, failing with "store in use" as before.
     *
     * @param owner the session whose engine the commands share; its mode names this process's kind
     * @return what stops the listener and removes the socket file; a no-op if it could not listen
     */
    public static AutoCloseable start(Session owner) {
        Path home = owner.home();
        try {
            ServerSocketChannel channel = SocketFile.listen(home);
            AttachServer server = new AttachServer(owner, channel, SocketFile.of(home));
            server.acceptor.start();
            log.info("listening for attached commands on {}", server.socket);
            return server;
        } catch (IOException | RuntimeException e) {
            log.warn("not listening for other causa commands on {}: {}", home, e.getMessage());
            return () -> { };
        }
    }

    private void accept() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) log.warn("attach: accept failed: {}", e.toString());
                continue;
            }
            int n = connections.incrementAndGet();
            Thread.ofPlatform().name("causa-attached-" + n).daemon(true)
                    .start(() -> new AttachConnection(owner, channel, hello()).serve());
        }
    }

    /** What a client learns first: which process it talks to. */
    private byte[] hello() {
        var json = Json.object();
        json.put("pid", ProcessHandle.current().pid());
        json.put("kind", owner.engine().kind());
        json.put("version", Causa.VERSION);
        json.put("home", owner.home().toAbsolutePath().toString());
        return Json.text(json).getBytes(StandardCharsets.UTF_8);
    }

    /** Stops listening and removes the socket file, unless another process has replaced it meanwhile. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.warn("attach: closing the listener: {}", e.toString());
        }
        try {
            var now = Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            if (now != null && now.equals(socketKey)) Files.deleteIfExists(socket);
        } catch (IOException gone) {
            // already removed
        }
    }
}
