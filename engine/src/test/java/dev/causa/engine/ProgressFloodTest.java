package dev.causa.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.causa.api.Job;
import dev.causa.api.JobContext;
import dev.causa.api.Progress;
import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.job.LiveJob;
import dev.causa.engine.model.JobRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job that reports progress millions of times floods nobody: events are coalesced, and the last one arrives. */
class ProgressFloodTest {

    /** Reports {@code reports} times as fast as it can. */
    public static final class Flooder implements Job<Flooder.Payload> {
        public record Payload(int reports) {
        }

        @Override
        public String type() {
            return "flooder";
        }

        @Override
        public Class<Payload> payloadType() {
            return Payload.class;
        }

        @Override
        public void run(Payload payload, JobContext context) {
            for (int i = 1; i <= payload.reports(); i++) context.progress(Progress.of("Flooding", i, payload.reports()));
        }
    }

    @TempDir
    Path home;

    @Test
    void progressEventsAreCoalescedToTenASecondAndTheLastStateIsDelivered() throws Exception {
        try (Causa causa = Causa.open(new Causa.Options(home, List.of(), 2, List.of(new Flooder())))) {
            List<CausaEvent> events = new CopyOnWriteArrayList<>();
            causa.events().subscribe(events::add);
            causa.startWorkers();
            long started = System.nanoTime();
            LiveJob job = causa.dispatch("flooder", "{\"reports\":20000000}");
            JobRecord done = job.finished().get(60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - started) / 1e9;
            causa.events().delivered().get(30, TimeUnit.SECONDS); // what was published has reached the listeners

            List<CausaEvent> progress = events.stream()
                    .filter(e -> e.name().equals("job.progress") && job.id().equals(e.jobId())).toList();
            assertThat(progress.size()).as("%d events in %.1f s", progress.size(), seconds)
                    .isLessThanOrEqualTo((int) Math.ceil(seconds * 10) + 2);
            assertThat(progress.getLast().json().path("metadata").path("completed").asLong()).isEqualTo(20_000_000);
            assertThat(done.message).isEqualTo("Flooding flooder (20000000/20000000)");
        }
    }
}
