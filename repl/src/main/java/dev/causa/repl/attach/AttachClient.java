package dev.causa.repl.attach;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The client side of attaching: a connection to the process that holds a home, which runs one command and streams
 * its output back. {@link #run} waits for the exit code; Ctrl-C while it waits ({@link #interrupt}, or an interrupt
 * of the waiting thread) is relayed, and the command stops there as it would locally.
 */
public final class AttachClient implements AutoCloseable {

    /** The process a client is attached to, from its hello. */
    public record Holder(long pid, String kind, String version, String home) {
        /** "the causa REPL (pid N)", "causa serve (pid N)". */
        public String describe() {
            return (kind.equals("serve") ? "causa serve" : "the causa REPL") + " (pid " + pid + ")";
        }
    }

    private final SocketChannel channel;
    private final Holder holder;
    private final Object writeLock = new Object();
    private volatile boolean interrupted;

    private AttachClient(SocketChannel channel, Holder holder) {
        this.channel = channel;
        this.holder = holder;
    }

    /** Attaches to the process that holds {@code home}; empty if none does (no socket, or a stale one). */
    public static Optional<AttachClient> connect(Path home) {
        Optional<SocketChannel> connected = SocketFile.connect(home);
        if (connected.isEmpty()) return Optional.empty();
        SocketChannel channel = connected.get();
        try {
            Frames.Frame hello = Frames.read(channel);
            if (hello == null || hello.type() != Frames.Type.HELLO) throw new IOException("no hello");
            JsonNode json = Json.mapper().readTree(hello.payload());
            return Optional.of(new AttachClient(channel, new Holder(json.path("pid").asLong(),
                    json.path("kind").asText("repl"), json.path("version").asText(), json.path("home").asText())));
        } catch (IOException e) {
            // a listener that refused us (another user) or went away: as if nobody held the home
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
            return Optional.empty();
        }
    }

    public Holder holder() {
        return holder;
    }

    /**
     * Sends the command and copies its output to {@code out} and {@code err} as it comes; returns its exit code.
     *
     * @throws IOException if the connection breaks before the command ends
     */
    public int run(AttachRequest request, OutputStream out, OutputStream err) throws IOException {
        synchronized (writeLock) {
            Frames.write(channel, Frames.Type.REQUEST, request.encode());
        }
        // frames are read on a thread of their own: an interrupted thread reading a channel would close it
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofPlatform().name("causa-attach-read").daemon(true).start(() -> pump(out, err, exit));
        while (true) {
            try {
                return exit.get();
            } catch (InterruptedException e) {
                interrupt(); // Ctrl-C in the attached shell: the command stops there, and its exit code follows
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
    }

    private void pump(OutputStream out, OutputStream err, CompletableFuture<Integer> exit) {
        try {
            Frames.Frame frame;
            while ((frame = Frames.read(channel)) != null) {
                switch (frame.type()) {
                    case STDOUT -> {
                        out.write(frame.payload());
                        out.flush();
                    }
                    case STDERR -> {
                        err.write(frame.payload());
                        err.flush();
                    }
                    case EXIT -> {
                        exit.complete(frame.exitCode());
                        return;
                    }
                    default -> throw new IOException("unexpected frame " + frame.type());
                }
            }
            throw new IOException(holder.describe() + " closed the connection before the command ended");
        } catch (IOException | RuntimeException e) {
            exit.completeExceptionally(e);
        }
    }

    /** Relays Ctrl-C: the command stops as Ctrl-C stops it locally. */
    public void interrupt() {
        interrupted = true;
        synchronized (writeLock) {
            try {
                Frames.write(channel, Frames.Type.INTERRUPT, new byte[0]);
            } catch (IOException gone) {
                // the command ended meanwhile
            }
        }
    }

    /** Whether Ctrl-C was relayed during {@link #run}. */
    public boolean wasInterrupted() {
        return interrupted;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to say to the other side
        }
    }
}
