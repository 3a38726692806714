package dev.causa.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.causa.engine.Causa;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.CausaException;
import dev.causa.engine.model.ScheduleRecord;
import dev.causa.engine.store.mapdb.MapDbStore;
import dev.causa.engine.testkit.TestEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules fire as ordinary actions, once per fire time, with one catch-up (or none) after downtime. */
class SchedulesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path home;

    /** A clock the test sets. */
    static final class SetClock extends Clock {
        volatile Instant now;

        SetClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private Causa open(Clock clock) {
        return new Causa.Builder(new Causa.Options(home, List.of(), 2, TestEngine.extensions())) {
            @Override
            protected Clock clock() {
                return clock;
            }
        }.build();
    }

    private static Schedules.Definition hourly(String name, ScheduleRecord.Missed missed) {
        return new Schedules.Definition(name, "0 * * * *", null, "UTC", missed, "test.steps",
                TestEngine.steps(name, 1, 1, 0));
    }

    private static List<ActionRecord> runsOf(Causa causa, String schedule) {
        return causa.actionRuns("test.steps", 0).stream().filter(r -> schedule.equals(r.schedule)).toList();
    }

    @Test
    void everyTwoSecondsRunsAnOrdinaryActionPerFireTimeInitiatedByTheSchedule() throws Exception {
        try (Causa causa = TestEngine.open(home)) {
            causa.addSchedule(new Schedules.Definition("tick", null, "2s", null, null, "test.steps",
                    TestEngine.steps("tick", 1, 1, 0)), "test:me");
            causa.startScheduler();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (runsOf(causa, "tick").size() < 2 && System.nanoTime() < deadline) Thread.sleep(100);
            List<ActionRecord> runs = runsOf(causa, "tick");
            assertThat(runs).hasSizeGreaterThanOrEqualTo(2);
            assertThat(runs).allSatisfy(r -> {
                assertThat(r.initiatedBy).isEqualTo("schedule:tick");
                assertThat(r.scheduledFor).isNotNull();
            });
            assertThat(runs.stream().map(r -> r.scheduledFor).distinct()).hasSameSizeAs(runs);
            assertThat(Duration.between(runs.get(1).scheduledFor, runs.get(0).scheduledFor))
                    .as("newest first, one interval apart").isEqualTo(Duration.ofSeconds(2));
            assertThat(causa.scheduleView(causa.schedule("tick")).get("last_fire").asText())
                    .isEqualTo(runs.get(0).scheduledFor.toString());
        }
    }

    @Test
    void afterDowntimeMissedOnceRunsOneCatchUpAndSkipNoneAndARestartNeverRunsATimeTwice() throws Exception {
        SetClock clock = new SetClock(T0);
        try (Causa causa = open(clock)) {
            causa.addSchedule(hourly("once", ScheduleRecord.Missed.ONCE), "test:me");
            causa.addSchedule(hourly("skip", ScheduleRecord.Missed.SKIP), "test:me");
        }
        clock.now = T0.plus(Duration.ofMinutes(210)); // 01:00, 02:00 and 03:00 passed while nothing ran
        for (int restart = 0; restart < 2; restart++) {
            try (Causa causa = open(clock)) {
                causa.startScheduler();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (runsOf(causa, "once").isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
                Thread.sleep(3 * Scheduler.POLL_MILLIS); // time for a second (wrong) run to show
                List<ActionRecord> once = runsOf(causa, "once");
                assertThat(once).as("restart " + restart).hasSize(1);
                assertThat(once.getFirst().scheduledFor).isEqualTo(Instant.parse("2026-01-01T03:00:00Z"));
                assertThat(runsOf(causa, "skip")).isEmpty();
                assertThat(causa.schedule("skip").lastFire()).as("the skipped time is passed over")
                        .isEqualTo(Instant.parse("2026-01-01T03:00:00Z"));
            }
        }
    }

    @Test
    void aFireTimeIsClaimedOnceEvenAcrossReopening() {
        ScheduleRecord s = new ScheduleRecord("n", "0 * * * *", null, "UTC", ScheduleRecord.Missed.ONCE, "t",
                null, false, T0, "me", null);
        Instant one = T0.plus(Duration.ofHours(1));
        try (MapDbStore store = MapDbStore.open(home.resolve("causa.db"))) {
            store.schedules().put(s);
            assertThat(store.schedules().claimFire("n", one)).isTrue();
            assertThat(store.schedules().claimFire("n", one)).isFalse();
            store.schedules().put(s.withPaused(true)); // a copy read before the claim keeps the claim
            assertThat(store.schedules().get("n").orElseThrow().lastFire()).isEqualTo(one);
        }
        try (MapDbStore store = MapDbStore.open(home.resolve("causa.db"))) {
            assertThat(store.schedules().claimFire("n", one)).isFalse();
            assertThat(store.schedules().claimFire("n", T0)).as("never an earlier time after a later").isFalse();
            assertThat(store.schedules().claimFire("n", one.plusSeconds(3600))).isTrue();
            assertThat(store.schedules().claimFire("gone", one)).isFalse();
        }
    }

    @Test
    void badDefinitionsAreRefusedWithOneLineAndStoreNothing() {
        try (Causa causa = TestEngine.open(home)) {
            String input = TestEngine.steps("x", 1, 1, 0);
            assertThatThrownBy(() -> causa.addSchedule(new Schedules.Definition("a", "61 * * * *", null, null, null,
                    "test.steps", input), "me")).isInstanceOf(CausaException.class).hasMessageContaining("cron");
            assertThatThrownBy(() -> causa.addSchedule(new Schedules.Definition("a", null, "5 minutes", null, null,
                    "test.steps", input), "me")).hasMessageContaining("bad duration");
            assertThatThrownBy(() -> causa.addSchedule(new Schedules.Definition("a", "0 3 * * *", null, "Mars/Base",
                    null, "test.steps", input), "me")).hasMessageContaining("time zone");
            assertThatThrownBy(() -> causa.addSchedule(new Schedules.Definition("a", "0 3 * * *", null, null, null,
                    "no.such", input), "me")).satisfies(e ->
                    assertThat(((CausaException) e).kind()).isEqualTo(CausaException.Kind.NOT_FOUND));
            causa.addSchedule(new Schedules.Definition("a", "*/10 * * * * *", null, null, null, "test.steps", input),
                    "me");
            assertThatThrownBy(() -> causa.addSchedule(new Schedules.Definition("a", null, "1m", null, null,
                    "test.steps", input), "me")).hasMessageContaining("exists");
            assertThat(causa.scheduleList()).extracting(ScheduleRecord::name).containsExactly("a");
        }
    }
}
