package dev.causa.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.causa.engine.Causa;
import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.event.Events;
import dev.causa.engine.view.ActionContextView;
import dev.causa.engine.view.ActionView;
import dev.causa.engine.view.JobView;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/events[?job=&action_type=]}: server-sent events, {@code event: <name>} and {@code data: <the
 * event JSON of DESIGN §6>}, with a comment line as heartbeat every {@link #HEARTBEAT_MILLIS}. Each client has its
 * own {@link SseClient} queue, filled by the event bus without blocking and drained by the client's request thread,
 * so a client that does not read holds up nobody but itself.
 */
final class EventStream {

    static final long HEARTBEAT_MILLIS = Long.getLong("causa.serve.heartbeatMillis", 15_000);
    static final int CLIENT_CAPACITY = 1_000;

    private final Causa causa;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

    EventStream(Causa causa) {
        this.causa = causa;
    }

    void register(Router router) {
        router.get("/api/v1/events", this::stream);
    }

    /** How many clients are connected. */
    int clientCount() {
        return clients.size();
    }

    /** Ends every stream: their writers finish, and the server closes the connections. */
    void closeAll() {
        clients.forEach(SseClient::close);
    }

    private Reply stream(Request request) throws Exception {
        String job = request.queryOrNull("job") == null ? null : causa.resolveJobId(request.queryOrNull("job"));
        String actionType = request.queryOrNull("action_type");
        Predicate<CausaEvent> wanted = e -> (job == null || job.equals(e.jobId())
                || job.equals(e.json().path(JobView.PARENT_JOB_ID).asText(null)))
                && (actionType == null || actionType.equals(actionTypeOf(e)));
        SseClient client = new SseClient(CLIENT_CAPACITY);
        HttpExchange exchange = request.exchange();
        // subscribed before the headers go out: a client that saw them misses no later event
        try (AutoCloseable subscription = causa.events().subscribe(e -> {
            if (wanted.test(e)) client.offer(e);
        })) {
            clients.add(client);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
            Router.secure(exchange);
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, ": causa events\nretry: 3000\n\n");
            while (true) {
                SseClient.Next next = client.take(HEARTBEAT_MILLIS);
                if (next.closed()) break;
                StringBuilder text = new StringBuilder();
                if (next.droppedBefore() > 0) {
                    text.append(": ").append(next.droppedBefore()).append(" intermediate event(s) skipped\n\n");
                }
                if (next.event() == null) {
                    text.append(": keep-alive\n\n");
                } else {
                    text.append("event: ").append(next.event().name()).append('\n')
                            .append("data: ").append(next.event().json().toString()).append("\n\n");
                }
                write(out, text.toString());
            }
        } catch (IOException gone) {
            // the client went away
        } finally {
            client.close();
            clients.remove(client);
        }
        return Reply.STREAMED;
    }

    /** The action type of an event: an action event's own, a job event's from its action context. */
    static String actionTypeOf(CausaEvent e) {
        JsonNode json = e.json();
        if (json.has(ActionView.ACTION_TYPE)) return json.get(ActionView.ACTION_TYPE).asText(null);
        return json.path(Events.METADATA).path(JobView.ACTION_CONTEXT).path(ActionContextView.ACTION_TYPE)
                .asText(null);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
