package dev.causa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.JobQuery;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** GET /api/v1/events: the §6 events as server-sent events, filtered, and a slow client slows nobody. */
class EventStreamTest extends Served {

    @Test
    void aClientSeesTheProgressOfARunningJobWithItsActionContext() throws Exception {
        try (SseReader sse = new SseReader(http, request("/api/v1/events?action_type=test.tick").GET().build())) {
            assertThat(sse.status).isEqualTo(200);
            String action = tick("watched", 1, 40, 25);
            SseReader.Event progress = sse.await("job.progress", 30);
            JsonNode data = progress.data();
            assertThat(data.get("event").asText()).isEqualTo("job.progress");
            assertThat(data.get("job_id").asText()).isEqualTo(causa.jobs(JobQuery.ofAction(action)).getFirst().id);
            assertThat(data.get("job_type").asText()).isEqualTo(TickJob.TYPE);
            assertThat(data.get("progress").asDouble()).isBetween(0.0, 1.0);
            assertThat(data.get("message").asText()).startsWith("Ticking watched ticks (");
            JsonNode context = data.get("metadata").get("action_context");
            assertThat(context.get("action_type").asText()).isEqualTo(TickAction.TYPE);
            assertThat(context.get("initiated_by").asText()).isEqualTo("api:test");
            assertThat(context.get("action_input").get("name").asText()).isEqualTo("watched");
            assertThat(context.get("context").get("operation").asText()).isEqualTo("ticking");
            assertThat(sse.await("job.completed", 30).data().get("job_id").asText()).isEqualTo(data.get("job_id").asText());
            assertThat(sse.text()).contains("event: job.progress\ndata: {\"event\":\"job.progress\"");
        }
    }

    @Test
    void aJobFilterShowsThatJobOnly() throws Exception {
        String action = tick("one", 2, 30, 20);
        var ids = causa.jobs(JobQuery.ofAction(action)).stream().map(j -> j.id).toList();
        try (SseReader sse = new SseReader(http, request("/api/v1/events?job=" + ids.getFirst()).GET().build())) {
            sse.await("job.completed", 30);
            Set<String> seen = new HashSet<>();
            sse.all.forEach(e -> seen.add(e.data().get("job_id").asText()));
            assertThat(seen).isSubsetOf(ids.getFirst());
        }
    }

    @Test
    void aClientThatNeverReadsSlowsNeitherOtherClientsNorTheJobs() throws Exception {
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(1024);
            stuck.connect(server.address());
            OutputStream out = stuck.getOutputStream();
            out.write(("GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.eventClients() < 1 && System.nanoTime() < until) Thread.sleep(10);
            assertThat(server.eventClients()).isEqualTo(1);

            try (SseReader other = new SseReader(http, request("/api/v1/events?action_type=test.tick").GET().build())) {
                String action = tick("flood", 2000, 1, 0);
                JsonNode done = awaitRun(action);
                assertThat(done.get("status").asText()).isEqualTo("completed");
                assertThat(causa.countByState().getOrDefault(JobState.COMPLETED, 0L)).isEqualTo(2000);
                // the reading client got every job's end, and the action's
                assertThat(other.count("job.completed", 2000, 30)).isEqualTo(2000);
                assertThat(other.count("action.completed", 1, 30)).isEqualTo(1);
            }
            // the stuck client was cut off (its queue overflowed with final events) or still waits: either way
            // it is its own problem, and the status endpoint answers at once
            assertThat(get("/api/v1/status").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void stoppingTheServerEndsTheStreams() throws Exception {
        SseReader sse = new SseReader(http, request("/api/v1/events").GET().build());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.eventClients() < 1 && System.nanoTime() < until) Thread.sleep(10);
        long start = System.nanoTime();
        server.close();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
        assertThat(server.eventClients()).isZero();
        server = null;
        sse.close();
    }
}
