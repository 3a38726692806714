package dev.causa.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A test's SSE client: reads the stream on its own thread and hands out the events ({@code name} + JSON). */
final class SseReader implements AutoCloseable {

    record Event(String name, JsonNode data) {
    }

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** Every event received, in order. */
    final java.util.List<Event> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    final StringBuilder text = new StringBuilder();
    private final Thread reader;
    private volatile Stream<String> lines;
    final int status;

    SseReader(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        status = response.statusCode();
        lines = response.body();
        reader = Thread.ofVirtual().start(() -> {
            String name = null;
            try {
                for (String line : (Iterable<String>) lines::iterator) {
                    synchronized (text) {
                        text.append(line).append('\n');
                    }
                    if (line.startsWith("event: ")) name = line.substring(7);
                    else if (line.startsWith("data: ")) {
                        Event e = new Event(name, Json.parse(line.substring(6)));
                        all.add(e);
                        events.add(e);
                    }
                }
            } catch (Exception ended) {
                // closed
            }
        });
    }

    /** The next event named {@code name}, skipping others; fails after the timeout. */
    Event await(String name, long seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until) {
            Event e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.name().equals(name)) return e;
        }
        throw new AssertionError("no " + name + " event within " + seconds + " s");
    }

    /** How many events named {@code name} arrived, once {@code expected} did or the time is up. */
    long count(String name, long expected, long seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long n;
        while ((n = all.stream().filter(e -> e.name().equals(name)).count()) < expected && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        return n;
    }

    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        lines.close();
        reader.interrupt();
    }
}
