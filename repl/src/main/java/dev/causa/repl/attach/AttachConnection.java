package dev.causa.repl.attach;

import dev.causa.repl.Main;
import dev.causa.repl.Session;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * One attached command: reads the request, runs the very command tree of the one-shot front end in a session bound
 * to the connection (so output, {@code --json} and exit codes are those of a local run), and meanwhile turns the
 * client's interrupt frame, or the client going away, into what Ctrl-C does locally: the command's thread is
 * interrupted ({@code action run} stops waiting, {@code job watch} stops watching, {@code script run} stops the
 * script).
 */
final class AttachConnection {

    private static final Logger log = LoggerFactory.getLogger(AttachConnection.class);

    private final Session owner;
    private final SocketChannel channel;
    private final byte[] hello;

    AttachConnection(Session owner, SocketChannel channel, byte[] hello) {
        this.owner = owner;
        this.channel = channel;
        this.hello = hello;
    }

    void serve() {
        try (channel) {
            if (!sameUser()) return;
            Frames.write(channel, Frames.Type.HELLO, hello);
            Frames.Frame first = Frames.read(channel);
            if (first == null) return; // a client that only asked who listens (status, the attached shell's banner)
            if (first.type() != Frames.Type.REQUEST) throw new IOException("expected a request, got " + first.type());
            run(AttachRequest.decode(first.payload()));
        } catch (IOException e) {
            log.debug("attach: connection ended: {}", e.toString());
        }
    }

    /** Only the user who owns this process may attach (the socket is 0600 too; this holds if its mode is changed). */
    private boolean sameUser() throws IOException {
        String peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
        String self = System.getProperty("user.name");
        if (peer.equals(self)) return true;
        log.warn("attach: refused a connection of user {}", peer);
        return false;
    }

    private void run(AttachRequest request) throws IOException {
        FrameWriter frames = new FrameWriter(channel, Thread.currentThread().getName() + "-out");
        PrintWriter out = writer(frames, Frames.Type.STDOUT);
        PrintWriter err = writer(frames, Frames.Type.STDERR);
        Session session = owner.attached(Session.Mode.of(request.mode()), out, err, request.ansi(), request.cwd(),
                request.user());
        AtomicInteger code = new AtomicInteger(3);
        Thread command = Thread.ofPlatform().name("causa-attached-command").daemon(true).start(() -> {
            try {
                CommandLine cli = Main.commandLine(session);
                cli.setColorScheme(CommandLine.Help.defaultColorScheme(
                        request.ansi() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
                code.set(cli.execute(request.argv().toArray(String[]::new)));
            } catch (RuntimeException | Error e) {
                code.set(Main.report(session, e)); // one line to the client, as picocli's handler would
            } finally {
                out.flush();
                err.flush();
                frames.exit(code.get());
            }
        });
        // this thread listens for Ctrl-C until the client closes the connection after the exit frame
        while (true) {
            Frames.Frame frame;
            try {
                frame = Frames.read(channel);
            } catch (IOException broken) {
                frame = null;
            }
            if (frame == null) {
                if (command.isAlive()) command.interrupt(); // the client went away: as if it pressed Ctrl-C
                break;
            }
            if (frame.type() == Frames.Type.INTERRUPT && command.isAlive()) command.interrupt();
        }
        try {
            command.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static PrintWriter writer(FrameWriter frames, Frames.Type type) {
        return new PrintWriter(new OutputStreamWriter(new FrameOutputStream(frames, type),
                StandardCharsets.UTF_8), true);
    }
}
