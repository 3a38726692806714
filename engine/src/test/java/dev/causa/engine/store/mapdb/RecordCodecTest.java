package dev.causa.engine.store.mapdb;

import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.StateChange;
import dev.causa.engine.model.JobError;
import dev.causa.engine.model.Ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.api.ActionContext;
import dev.causa.api.Progress;
import dev.causa.engine.model.JobState;
import dev.causa.engine.json.Json;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The store encoding: every field reads back as it did when records were stored as JSON text, and JSON records
 * written by earlier versions still read.
 */
class RecordCodecTest {

    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");

    /** A context map with every JSON-like shape, nested. */
    private static Map<String, Object> nestedMap() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("list", new ArrayList<>(List.of(1, "two", 3.5, true, List.of(), Map.of())));
        inner.put("none", null);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("text", "späť ✓");
        map.put("int", 42);
        map.put("long", 1L << 40);
        map.put("small_long", 7L);
        map.put("double", 2.25);
        map.put("bool", false);
        map.put("nested", inner);
        map.put("empty", "");
        return map;
    }

    private static JsonNode tree() {
        ObjectNode node = Json.object();
        node.put("index", 12);
        node.put("big", Long.MAX_VALUE);
        node.put("ratio", 0.5);
        node.put("name", "x");
        node.putNull("nothing");
        node.putArray("items").add(1).add("a").addObject().put("deep", true);
        return node;
    }

    /** A job with every stored field set to something other than its default. */
    static JobRecord fullJob() {
        JobRecord job = new JobRecord();
        job.id = Ids.next();
        job.jobType = "files.copy";
        job.transition(JobState.QUEUED, "dispatched", T0);
        job.transition(JobState.RUNNING, "started", T0.plusNanos(1));
        job.transition(JobState.FAILED, "boom", T0.plusSeconds(3).plusNanos(999_999_999));
        job.priority = -3;
        job.createdAt = T0.minusNanos(1);
        job.nextRunAt = Instant.parse("1969-12-31T23:59:59.000000001Z");
        job.attempts = 2;
        job.progress = new Progress("Processing", "half way", 5, 10, 1L << 33, 1L << 34, "/a/b", 1, 2);
        job.message = "Failed";
        job.payload = tree();
        job.checkpoint = Json.object().put("done", 5);
        job.error = new JobError("java.io.IOException", "disk", "at x\n at y");
        job.log("one");
        job.log("two");
        job.parentJobId = Ids.next();
        job.actionId = Ids.next();
        job.actionType = "files.copy";
        job.actionContext = new ActionContext("files.copy", T0.plusMillis(1), "repl:me", nestedMap(),
                Map.of("operation", "copy", "batch", 3, "when", "now"));
        job.resumeOnStart = true;
        job.cancelRequested = true;
        return job;
    }

    static ActionRecord fullAction() {
        ActionRecord action = new ActionRecord();
        action.id = Ids.next();
        action.actionType = "files.copy";
        action.initiatedAt = T0;
        action.initiatedBy = "script:x.js";
        action.actionInput = tree();
        action.context = nestedMap();
        action.status = ActionRecord.Status.COMPLETED;
        action.jobIds = new ArrayList<>(List.of(Ids.next(), Ids.next()));
        action.error = "none really";
        action.finishedAt = T0.plusSeconds(1);
        action.replayOf = Ids.next();
        action.schedule = "nightly";
        action.scheduledFor = Instant.parse("2026-11-28T03:00:00Z");
        return action;
    }

    /** The stored fields of a record class: what JSON binding wrote. */
    private static List<Field> storedFields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()))
                .toList();
    }

    /** Each stored field of {@code actual} equals that of {@code expected}, types of nested values included. */
    private static void assertSameFields(Object actual, Object expected) throws Exception {
        for (Field f : storedFields(expected.getClass())) {
            assertThat(f.get(actual)).as(f.getName()).isEqualTo(f.get(expected));
            Object value = f.get(actual);
            if (value != null) assertThat(value.getClass()).as(f.getName()).isEqualTo(f.get(expected).getClass());
        }
    }

    private static <T> T viaJson(Object record, Class<T> type) {
        return Json.read(Json.bytes(record), type);
    }

    @Test
    void theSampleSetsEveryStoredField() throws Exception {
        JobRecord job = fullJob();
        for (Field f : storedFields(JobRecord.class)) {
            Object value = f.get(job);
            assertThat(value).as(f.getName() + " is set in the sample").isNotNull()
                    .isNotEqualTo(0).isNotEqualTo(false);
            if (value instanceof List<?> list) assertThat(list).as(f.getName()).isNotEmpty();
        }
        ActionRecord action = fullAction();
        for (Field f : storedFields(ActionRecord.class)) {
            assertThat(f.get(action)).as(f.getName() + " is set in the sample").isNotNull();
        }
        for (var component : ActionContext.class.getRecordComponents()) {
            assertThat(component.getAccessor().invoke(job.actionContext)).as(component.getName()).isNotNull();
        }
        for (var component : Progress.class.getRecordComponents()) {
            assertThat(component.getAccessor().invoke(job.progress)).as(component.getName()).isNotNull()
                    .isNotEqualTo(0).isNotEqualTo(-1L);
        }
    }

    @Test
    void everyFieldOfAJobReadsBackAsFromJson() throws Exception {
        JobRecord job = fullJob();
        byte[] bytes = RecordCodec.encode(job);
        assertThat(new String(bytes, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo(":)\n");
        JobRecord read = RecordCodec.decode(bytes, JobRecord.class);

        assertSameFields(read, viaJson(job, JobRecord.class));
        assertThat(Json.text(read)).isEqualTo(Json.text(job));
        assertThat(read.history).extracting(StateChange::at)
                .containsExactly(T0, T0.plusNanos(1), T0.plusSeconds(3).plusNanos(999_999_999));
        assertThat(read.nextRunAt).isEqualTo(job.nextRunAt);
        assertThat(read.actionContext.actionInput().get("long")).isEqualTo(1L << 40);
        assertThat(read.actionContext.actionInput().get("small_long")).isEqualTo(7); // as from JSON: an int
    }

    @Test
    void everyFieldOfAnActionReadsBackAsFromJson() throws Exception {
        ActionRecord action = fullAction();
        ActionRecord read = RecordCodec.decode(RecordCodec.encode(action), ActionRecord.class);
        assertSameFields(read, viaJson(action, ActionRecord.class));
        assertThat(Json.text(read)).isEqualTo(Json.text(action));
    }

    @Test
    void emptyRecordsReadBackAsFromJsonNullTreesIncluded() throws Exception {
        JobRecord job = new JobRecord();
        job.history = null;
        job.logs = null;
        JobRecord read = RecordCodec.decode(RecordCodec.encode(job), JobRecord.class);
        assertSameFields(read, viaJson(job, JobRecord.class));
        assertThat(read.payload.isNull()).isTrue(); // JSON binding reads a null tree as a NullNode

        ActionRecord action = new ActionRecord();
        assertSameFields(RecordCodec.decode(RecordCodec.encode(action), ActionRecord.class), viaJson(action, ActionRecord.class));
    }

    @Test
    void everyStateStatusAndInstantReadsBack() throws Exception {
        for (JobState state : JobState.values()) {
            JobRecord job = new JobRecord();
            job.state = state;
            job.history.add(new StateChange(state, T0, null));
            assertSameFields(RecordCodec.decode(RecordCodec.encode(job), JobRecord.class), viaJson(job, JobRecord.class));
        }
        for (ActionRecord.Status status : ActionRecord.Status.values()) {
            ActionRecord action = new ActionRecord();
            action.status = status;
            assertSameFields(RecordCodec.decode(RecordCodec.encode(action), ActionRecord.class),
                    viaJson(action, ActionRecord.class));
        }
        for (Instant at : List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.EPOCH.minusNanos(1),
                Instant.parse("1677-09-21T00:12:44Z"), Instant.parse("2262-04-11T23:47:16.854775807Z"))) {
            JobRecord job = new JobRecord();
            job.nextRunAt = at;
            assertThat(RecordCodec.decode(RecordCodec.encode(job), JobRecord.class).nextRunAt).isEqualTo(at);
        }
    }

    record Point(int x, Instant at) {
    }

    @Test
    void valuesJsonHasNoTypeForReadBackAsFromJsonText() throws Exception {
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("float", 1.1f);
        odd.put("decimal", new BigDecimal("2.50"));
        odd.put("whole_decimal", new BigDecimal("7"));
        odd.put("small_big_integer", BigInteger.TEN);
        odd.put("big_integer", BigInteger.ONE.shiftLeft(70));
        odd.put("short", (short) 3);
        odd.put("nan", Double.NaN);
        odd.put("infinite", Float.POSITIVE_INFINITY);
        odd.put("bytes", new byte[]{1, 2, 3});
        odd.put("instant", T0);
        odd.put("record", new Point(1, T0));
        odd.put("state", JobState.PAUSED);
        odd.put("sorted", new TreeMap<>(Map.of("b", 1, "a", 2)));
        odd.put("number_keys", Map.of(1, "one"));
        JobRecord job = new JobRecord();
        job.actionContext = new ActionContext("a.b", T0, "me", odd, null);
        job.payload = Json.tree(odd);
        job.checkpoint = Json.mapper().valueToTree(List.of(1.5f, new BigDecimal("1E+3"), new byte[]{9}));

        JobRecord read = RecordCodec.decode(RecordCodec.encode(job), JobRecord.class);
        JobRecord fromJson = viaJson(job, JobRecord.class);
        assertSameFields(read, fromJson);
        for (String key : odd.keySet()) {
            Object value = read.actionContext.actionInput().get(key);
            Object expected = fromJson.actionContext.actionInput().get(key);
            assertThat(value).as(key).isEqualTo(expected);
            if (value != null) assertThat(value.getClass()).as(key).isEqualTo(expected.getClass());
        }
    }

    @Test
    void readingIsStrict() {
        byte[] good = RecordCodec.encode(fullJob());
        assertThatThrownBy(() -> RecordCodec.decode(Arrays.copyOf(good, good.length - 3), JobRecord.class))
                .isInstanceOf(UncheckedIOException.class);
        byte[] twice = new byte[good.length * 2 - 4]; // a second record, without its 4-byte header, after the first
        System.arraycopy(good, 0, twice, 0, good.length);
        System.arraycopy(good, 4, twice, good.length, good.length - 4);
        assertThatThrownBy(() -> RecordCodec.decode(twice, JobRecord.class)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("trailing");
        // an action run's bytes are not a job: unknown fields are refused, as JSON binding refused them
        assertThatThrownBy(() -> RecordCodec.decode(RecordCodec.encode(fullAction()), JobRecord.class))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("unknown field");
        assertThatThrownBy(() -> RecordCodec.decode("{\"nope\":1}".getBytes(StandardCharsets.UTF_8), JobRecord.class))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void jsonRecordsOfEarlierVersionsStillRead() throws Exception {
        JobRecord job = fullJob();
        JobRecord read = RecordCodec.decode(Json.bytes(job), JobRecord.class);
        assertSameFields(read, viaJson(job, JobRecord.class));
        ActionRecord action = fullAction();
        assertSameFields(RecordCodec.decode(Json.bytes(action), ActionRecord.class), viaJson(action, ActionRecord.class));
    }
}
