package dev.causa.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.event.Events;
import dev.causa.engine.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queue of one event-stream client: bounded, latest progress per job, final events kept. */
class SseClientTest {

    static CausaEvent event(String name, String job, int n) {
        var json = Json.object().put(Events.EVENT, name).put(Events.JOB_ID, job).put("n", n);
        return new CausaEvent(name, json);
    }

    static List<CausaEvent> drain(SseClient client) throws InterruptedException {
        List<CausaEvent> out = new ArrayList<>();
        for (SseClient.Next next; (next = client.take(0)).event() != null; ) out.add(next.event());
        return out;
    }

    @Test
    void aSlowClientGetsTheLatestProgressOfEachJobInOrderWithItsStateEvents() throws Exception {
        SseClient client = new SseClient(100);
        client.offer(event(Events.JOB_STARTED, "a", 0));
        for (int i = 1; i <= 50; i++) {
            client.offer(event(Events.JOB_PROGRESS, "a", i));
            client.offer(event(Events.JOB_PROGRESS, "b", i));
        }
        client.offer(event(Events.JOB_COMPLETED, "a", 99));
        client.offer(event(Events.JOB_PROGRESS, "b", 51));
        List<CausaEvent> got = drain(client);
        assertThat(got).extracting(e -> e.name() + " " + e.jobId() + " " + e.json().get("n").asInt())
                .containsExactly("job.started a 0", "job.progress a 50", "job.progress b 51", "job.completed a 99");
    }

    @Test
    void aProgressAfterAStateEventComesAfterIt() throws Exception {
        SseClient client = new SseClient(100);
        client.offer(event(Events.JOB_PROGRESS, "a", 1));
        client.offer(event(Events.JOB_PAUSED, "a", 2));
        client.offer(event(Events.JOB_PROGRESS, "a", 3));
        assertThat(drain(client)).extracting(e -> e.json().get("n").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void whenFullOnlyFinalEventsAreKeptAndTooManyCutTheClientOff() throws Exception {
        SseClient client = new SseClient(10);
        for (int i = 0; i < 10; i++) client.offer(event(Events.JOB_QUEUED, "j" + i, i));
        client.offer(event(Events.JOB_STARTED, "x", 0));
        client.offer(event(Events.JOB_PROGRESS, "x", 1));
        client.offer(event(Events.JOB_FAILED, "x", 2));
        SseClient.Next first = client.take(0);
        assertThat(first.event().name()).isEqualTo(Events.JOB_QUEUED);
        List<CausaEvent> rest = drain(client);
        assertThat(rest).hasSize(10);
        assertThat(rest.getLast().name()).isEqualTo(Events.JOB_FAILED);

        for (int i = 0; i < 20; i++) client.offer(event(Events.JOB_COMPLETED, "k" + i, i));
        assertThat(client.isClosed()).isFalse();
        client.offer(event(Events.JOB_COMPLETED, "overflow", 0));
        assertThat(client.isClosed()).isTrue();
        assertThat(client.take(0).closed()).isTrue();
    }

    @Test
    void droppedEventsAreCountedForTheClient() throws Exception {
        SseClient client = new SseClient(100);
        client.offer(event(Events.JOB_PROGRESS, "a", 1));
        client.offer(event(Events.JOB_PROGRESS, "a", 2));
        client.offer(event(Events.JOB_PROGRESS, "a", 3));
        SseClient.Next next = client.take(0);
        assertThat(next.droppedBefore()).isEqualTo(2);
        assertThat(next.event().json().get("n").asInt()).isEqualTo(3);
    }
}
