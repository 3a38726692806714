package dev.causa.engine;

import static dev.causa.engine.model.JobState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.engine.model.IllegalTransitionException;
import dev.causa.engine.model.JobState;
import dev.causa.engine.model.JobRecord;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobStateTableTest {

    /** DESIGN §4, written out independently of the engine's table. */
    private static final Map<JobState, Set<JobState>> CONTRACT = Map.of(
            QUEUED, EnumSet.of(RUNNING, CANCELLED),
            RUNNING, EnumSet.of(COMPLETED, FAILED, CANCELLED, PAUSED),
            PAUSED, EnumSet.of(RUNNING, CANCELLED),
            FAILED, EnumSet.of(QUEUED),
            COMPLETED, EnumSet.noneOf(JobState.class),
            CANCELLED, EnumSet.noneOf(JobState.class));

    @Test
    void everyPairOfStatesIsAllowedExactlyWhenTheContractSaysSo() {
        for (JobState from : JobState.values()) {
            for (JobState to : JobState.values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(CONTRACT.get(from).contains(to));
            }
        }
    }

    @Test
    void aTransitionAppendsToTheHistoryWithItsReason() {
        JobRecord job = new JobRecord();
        job.id = "j1";
        job.transition(QUEUED, "dispatched", Instant.EPOCH);
        job.transition(RUNNING, "started", Instant.EPOCH.plusSeconds(1));
        job.transition(PAUSED, "paused", Instant.EPOCH.plusSeconds(2));
        job.transition(RUNNING, "resumed", Instant.EPOCH.plusSeconds(3));
        job.transition(COMPLETED, "done", Instant.EPOCH.plusSeconds(4));

        assertThat(job.history).extracting(h -> h.state())
                .containsExactly(QUEUED, RUNNING, PAUSED, RUNNING, COMPLETED);
        assertThat(job.history).extracting(h -> h.reason())
                .containsExactly("dispatched", "started", "paused", "resumed", "done");
        assertThat(job.finishedAt).isEqualTo(Instant.EPOCH.plusSeconds(4));
    }

    @Test
    void aForbiddenTransitionIsRefusedAndLeavesTheJobAsItWas() {
        JobRecord job = new JobRecord();
        job.id = "j2";
        job.transition(QUEUED, "dispatched", Instant.EPOCH);
        job.transition(RUNNING, "started", Instant.EPOCH);
        job.transition(COMPLETED, "done", Instant.EPOCH);

        assertThatThrownBy(() -> job.transition(RUNNING, "again", Instant.EPOCH))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("job j2 is completed and cannot become running");
        assertThat(job.state).isEqualTo(COMPLETED);
        assertThat(job.history).hasSize(3);
    }

    @Test
    void statesParseFromWhatUsersType() {
        assertThat(JobState.parse(" Paused ")).isEqualTo(PAUSED);
        assertThatThrownBy(() -> JobState.parse("sleeping"))
                .hasMessageContaining("unknown state 'sleeping'").hasMessageContaining("queued, running");
    }
}
