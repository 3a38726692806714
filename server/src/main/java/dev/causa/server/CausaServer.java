package dev.causa.server;

import com.sun.net.httpserver.HttpServer;
import dev.causa.engine.Causa;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code causa serve}'s HTTP server: the API of DESIGN §12 over one engine, on the JDK's own HTTP server with a
 * virtual thread per request (a server-sent-events client holds one for as long as it listens, which costs a few
 * KiB). Start it with {@link #start}; {@link #close} stops accepting, ends the event streams and waits a moment for
 * requests in flight. The engine is the caller's to close, after the server.
 *
 * <p>Other services of a long-running engine add their resources with {@link #addRoutes} (e.g. schedules:
 * {@code server.addRoutes(router -> router.get("/api/v1/schedules", ...))}); routes can be added while serving.
 */
public final class CausaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CausaServer.class);
    /** How long {@link #close} lets requests in flight finish before it closes their connections. */
    private static final int STOP_SECONDS = 1;

    private final HttpServer http;
    private final ExecutorService threads;
    private final Router router;
    private final EventStream events;
    private final Tokens tokens;

    private CausaServer(HttpServer http, ExecutorService threads, Router router, EventStream events, Tokens tokens) {
        this.http = http;
        this.threads = threads;
        this.router = router;
        this.events = events;
        this.tokens = tokens;
    }

    /**
     * Binds {@code address} (port 0: any free one) and serves the API of {@code causa}; actions started through
     * it are {@code initiated_by} {@code initiator} (e.g. {@code api:alice}).
     */
    public static CausaServer start(Causa causa, InetSocketAddress address, Tokens tokens, String initiator)
            throws IOException {
        Router router = new Router(tokens);
        new EngineResource(causa).register(router);
        new ActionRunResource(causa, initiator).register(router);
        new JobResource(causa).register(router);
        EventStream events = new EventStream(causa);
        events.register(router);
        HttpServer http = HttpServer.create(address, 64);
        ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("causa-http-", 0)
                .factory());
        http.setExecutor(threads);
        http.createContext("/", router);
        http.start();
        log.info("serving on {}", http.getAddress());
        return new CausaServer(http, threads, router, events, tokens);
    }

    /** Adds resources (another service's routes) to the API; they get the same auth, errors and body limit. */
    public CausaServer addRoutes(Consumer<Router> routes) {
        routes.accept(router);
        return this;
    }

    /** Where it listens (the actual port when 0 was asked). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** {@code http://host:port}. */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        return "http://" + host + ":" + a.getPort();
    }

    public Tokens tokens() {
        return tokens;
    }

    /** How many event-stream clients are connected. */
    public int eventClients() {
        return events.clientCount();
    }

    /** Stops accepting, ends the event streams, lets requests in flight finish (briefly), closes connections. */
    @Override
    public void close() {
        events.closeAll();
        http.stop(STOP_SECONDS);
        threads.shutdownNow();
    }
}
