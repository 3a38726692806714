package dev.causa.repl.cmd;

import dev.causa.engine.Causa;
import dev.causa.engine.model.CausaException;
import dev.causa.server.CausaServer;
import dev.causa.server.Listen;
import dev.causa.server.Tokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code causa serve}: the engine with its workers, and its HTTP API, until SIGTERM or Ctrl-C. Stopping stops
 * accepting requests, then the other services, then closes the engine: running jobs pause at a checkpoint and
 * resume the next time causa runs workers, as on any exit. The exit code is 0.
 */
@Command(name = "serve", description = {"Run the engine and serve its HTTP API until stopped (SIGTERM, Ctrl-C).",
        "Requests need the token in <home>/serve.token (see docs/api.md)."})
final class ServeCommand extends SessionCommand {

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = Listen.DEFAULT,
            description = "Where to listen (default ${DEFAULT-VALUE}: this machine only).")
    String listen;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress address = Listen.parse(listen);
        Causa causa = session().causaWithWorkers();
        Tokens tokens;
        try {
            tokens = Tokens.of(session().home());
        } catch (IOException e) {
            throw new CausaException(CausaException.Kind.ENGINE, "cannot read or make the token: " + e.getMessage(), e);
        }
        CausaServer server;
        try {
            server = CausaServer.start(causa, address, tokens, "api:" + System.getProperty("user.name", "unknown"));
        } catch (IOException e) {
            throw new CausaException(CausaException.Kind.ENGINE, "cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        List<AutoCloseable> services = startServices(session(), causa);
        CountDownLatch stop = new CountDownLatch(1);
        List<Runnable> restore = onStopSignals(stop);
        try {
            if (!Listen.isLoopback(server.address())) {
                session().err().println("warning: " + server.url() + " is reachable from other machines; anyone "
                        + "with the token can run actions (the traffic is not encrypted)");
                session().err().flush();
            }
            out().println("serving on " + server.url() + " (token in " + tokens.file() + ")");
            out().println("open " + server.url() + "/?token=" + tokens.token());
            out().flush();
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Ctrl-C in the REPL: stop serving, keep the shell
        } finally {
            server.close();
            for (AutoCloseable service : services.reversed()) closeQuietly(service);
            int running = (int) causa.activeJobs().stream()
                    .filter(j -> j.state() == dev.causa.engine.model.JobState.RUNNING).count();
            boolean oneShot = session().mode() == dev.causa.repl.Session.Mode.CLI;
            if (oneShot) session().close(); // in the shell the engine and its jobs go on
            restore.forEach(Runnable::run);
            out().println("stopped serving" + (running == 0 || !oneShot ? "" : ": " + running
                    + " running job(s) paused; they resume the next time causa runs workers"));
            out().flush();
        }
        return 0;
    }

    /**
     * The other services of a long-running engine (schedules, the attach socket): started after the API, closed
     * in reverse order before the engine.
     */
    static List<AutoCloseable> startServices(dev.causa.repl.Session session, Causa causa) {
        List<AutoCloseable> services = new ArrayList<>();
        causa.startScheduler(); // schedules fire while the engine serves; closed with the engine
        services.add(dev.causa.repl.attach.AttachServer.start(session)); // causa commands on this home run here
        return services;
    }

    /** SIGTERM and SIGINT end the wait instead of the JVM; returns how to put the previous handlers back. */
    private static List<Runnable> onStopSignals(CountDownLatch stop) {
        List<Runnable> restore = new ArrayList<>();
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, s -> stop.countDown());
                restore.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException unsupported) {
                // not on this platform (or the JVM reserves it): the shutdown hook still closes the engine
            }
        }
        return restore;
    }

    private void closeQuietly(AutoCloseable service) {
        try {
            service.close();
        } catch (Exception e) {
            session().err().println("causa: stopping " + service + ": " + e.getMessage());
        }
    }
}
