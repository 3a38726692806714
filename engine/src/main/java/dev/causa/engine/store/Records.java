package dev.causa.engine.store;

import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.ActionRecord;
import dev.causa.engine.model.StateChange;
import dev.causa.engine.model.JobError;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import dev.causa.api.ActionContext;
import dev.causa.api.Progress;
import dev.causa.engine.model.JobState;
import dev.causa.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How stored records (jobs and action runs) become bytes and back: the one place that knows the store's encoding.
 *
 * <p>New records are Smile (Jackson's binary JSON): the same snake_case fields as {@link Json} writes, except that
 * a record's own instants are integers (nanoseconds since the epoch) instead of ISO-8601 text. Records are written
 * and read field by field with Jackson's streaming API rather than by data binding: listing jobs decodes a record
 * per row, and binding (reflection, property tables, a context per value) cost most of a listing's time.
 * Free-form values inside a record (payload, checkpoint, action input and context) are written as
 * {@link Json#mapper()} writes them (plain maps, lists, text, numbers and trees directly, anything else through the
 * mapper) and read back into the same Java types and tree nodes as JSON binding made of JSON text: an instant in a
 * context map stays ISO-8601 text, a byte array Base64 text, a float or a decimal a double.
 *
 * <p>Null fields are left out (except lists, which default to empty): a missing field reads as a null did from JSON
 * (a null tree as a {@link NullNode}).
 *
 * <p>Reading sniffs the format: Smile starts with the header {@code :)\n}, JSON text (every record written before
 * this encoding) with <code>{</code>, and is read as before. Reading is as strict as JSON binding was: an unknown
 * field, a wrong type or trailing data makes a record unreadable.
 *
 * <p>Only the stored bytes changed: events, {@code --json} output and scripts still see {@link Json}'s JSON.
 */
final class Records {

    /** First byte of the Smile header {@code :)\n}; JSON records start with <code>{</code>. */
    private static final byte SMILE_0 = ':';

    private static final SmileFactory SMILE = SmileFactory.builder()
            .enable(SmileGenerator.Feature.WRITE_HEADER)
            .enable(SmileGenerator.Feature.CHECK_SHARED_NAMES)
            .build();

    private static final ObjectWriter VALUES = Json.mapper().writer();
    private static final JsonNodeFactory NODES = Json.mapper().getNodeFactory();
    private static final JobState[] STATES = JobState.values();
    private static final String[] LABELS = java.util.Arrays.stream(STATES).map(JobState::label)
            .toArray(String[]::new);

    private Records() {
    }

    // ---- the entry points ---------------------------------------------------------------------------------------

    /** The stored bytes of a {@link JobRecord} or an {@link ActionRecord}. */
    static byte[] encode(Object record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = new AsJsonText(SMILE.createGenerator(out))) {
            if (record instanceof JobRecord job) {
                writeJob(g, job);
            } else if (record instanceof ActionRecord action) {
                writeAction(g, action);
            } else {
                throw new IllegalArgumentException("not a stored record: " + record.getClass().getName());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode " + record.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * The record stored as {@code bytes}, in either format.
     *
     * @throws UncheckedIOException if the bytes are not a readable record of that type
     */
    static <T> T decode(byte[] bytes, Class<T> type) {
        boolean job = type == JobRecord.class;
        if (!job && type != ActionRecord.class) throw new IllegalArgumentException("not a stored record: " + type);
        if (bytes.length == 0 || bytes[0] != SMILE_0) return Json.read(bytes, type); // JSON, from before Smile
        try (JsonParser p = SMILE.createParser(bytes)) {
            Object record = job ? readJob(p) : readAction(p);
            if (p.nextToken() != null) throw problem(p, "trailing data after the record");
            return type.cast(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stored " + type.getSimpleName() + ": " + e.getMessage(), e);
        } catch (RuntimeException damaged) { // a damaged record can trip the parser in other ways
            throw new UncheckedIOException("cannot read stored " + type.getSimpleName() + ": " + damaged,
                    new IOException(damaged));
        }
    }

    // ---- jobs ---------------------------------------------------------------------------------------------------

    private static void writeJob(JsonGenerator g, JobRecord job) throws IOException {
        g.writeStartObject();
        string(g, "id", job.id);
        string(g, "job_type", job.jobType);
        state(g, "state", job.state);
        if (job.history == null) {
            g.writeNullField("history");
        } else {
            g.writeArrayFieldStart("history");
            for (StateChange change : job.history) {
                if (change == null) {
                    g.writeNull();
                    continue;
                }
                g.writeStartObject();
                state(g, "state", change.state());
                instant(g, "at", change.at());
                string(g, "reason", change.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeNumberField("priority", job.priority);
        instant(g, "created_at", job.createdAt);
        instant(g, "started_at", job.startedAt);
        instant(g, "finished_at", job.finishedAt);
        instant(g, "next_run_at", job.nextRunAt);
        g.writeNumberField("attempts", job.attempts);
        writeProgress(g, job.progress);
        string(g, "message", job.message);
        value(g, "payload", job.payload);
        value(g, "checkpoint", job.checkpoint);
        if (job.error != null) {
            g.writeObjectFieldStart("error");
            string(g, "type", job.error.type());
            string(g, "message", job.error.message());
            string(g, "stack", job.error.stack());
            g.writeEndObject();
        }
        strings(g, "logs", job.logs);
        string(g, "parent_job_id", job.parentJobId);
        string(g, "action_id", job.actionId);
        string(g, "action_type", job.actionType);
        writeContext(g, job.actionContext);
        g.writeBooleanField("resume_on_start", job.resumeOnStart);
        g.writeBooleanField("cancel_requested", job.cancelRequested);
        g.writeEndObject();
    }

    private static JobRecord readJob(JsonParser p) throws IOException {
        expect(p, p.nextToken(), JsonToken.START_OBJECT);
        JobRecord job = new JobRecord();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> job.id = string(p, t);
                case "job_type" -> job.jobType = string(p, t);
                case "state" -> job.state = state(p, t);
                case "history" -> job.history = history(p, t);
                case "priority" -> job.priority = integer(p, t);
                case "created_at" -> job.createdAt = instant(p, t);
                case "started_at" -> job.startedAt = instant(p, t);
                case "finished_at" -> job.finishedAt = instant(p, t);
                case "next_run_at" -> job.nextRunAt = instant(p, t);
                case "attempts" -> job.attempts = integer(p, t);
                case "progress" -> job.progress = progress(p, t);
                case "message" -> job.message = string(p, t);
                case "payload" -> job.payload = tree(p, t);
                case "checkpoint" -> job.checkpoint = tree(p, t);
                case "error" -> job.error = error(p, t);
                case "logs" -> job.logs = strings(p, t);
                case "parent_job_id" -> job.parentJobId = string(p, t);
                case "action_id" -> job.actionId = string(p, t);
                case "action_type" -> job.actionType = string(p, t);
                case "action_context" -> job.actionContext = context(p, t);
                case "resume_on_start" -> job.resumeOnStart = bool(p, t);
                case "cancel_requested" -> job.cancelRequested = bool(p, t);
                default -> throw unknown(p, name);
            }
        }
        expect(p, p.currentToken(), JsonToken.END_OBJECT);
        if (job.payload == null) job.payload = NullNode.getInstance();
        if (job.checkpoint == null) job.checkpoint = NullNode.getInstance();
        return job;
    }

    private static List<StateChange> history(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_ARRAY);
        List<StateChange> out = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_NULL) {
                out.add(null);
                continue;
            }
            expect(p, t, JsonToken.START_OBJECT);
            JobState state = null;
            Instant at = null;
            String reason = null;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                switch (name) {
                    case "state" -> state = state(p, v);
                    case "at" -> at = instant(p, v);
                    case "reason" -> reason = string(p, v);
                    default -> throw unknown(p, name);
                }
            }
            out.add(new StateChange(state, at, reason));
        }
        return out;
    }

    private static void writeProgress(JsonGenerator g, Progress progress) throws IOException {
        if (progress == null) return;
        g.writeObjectFieldStart("progress");
        string(g, "phase", progress.phase());
        string(g, "message", progress.message());
        g.writeNumberField("completed", progress.completed());
        g.writeNumberField("total", progress.total());
        g.writeNumberField("bytes_completed", progress.bytesCompleted());
        g.writeNumberField("total_bytes", progress.totalBytes());
        string(g, "current_path", progress.currentPath());
        g.writeNumberField("error_count", progress.errorCount());
        g.writeNumberField("warning_count", progress.warningCount());
        g.writeEndObject();
    }

    private static Progress progress(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_OBJECT);
        String phase = null;
        String message = null;
        long completed = 0;
        long total = 0;
        long bytesCompleted = 0;
        long totalBytes = 0;
        String currentPath = null;
        int errorCount = 0;
        int warningCount = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "phase" -> phase = string(p, v);
                case "message" -> message = string(p, v);
                case "completed" -> completed = longValue(p, v);
                case "total" -> total = longValue(p, v);
                case "bytes_completed" -> bytesCompleted = longValue(p, v);
                case "total_bytes" -> totalBytes = longValue(p, v);
                case "current_path" -> currentPath = string(p, v);
                case "error_count" -> errorCount = integer(p, v);
                case "warning_count" -> warningCount = integer(p, v);
                default -> throw unknown(p, name);
            }
        }
        return new Progress(phase, message, completed, total, bytesCompleted, totalBytes, currentPath, errorCount,
                warningCount);
    }

    private static JobError error(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_OBJECT);
        String type = null;
        String message = null;
        String stack = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "type" -> type = string(p, v);
                case "message" -> message = string(p, v);
                case "stack" -> stack = string(p, v);
                default -> throw unknown(p, name);
            }
        }
        return new JobError(type, message, stack);
    }

    private static void writeContext(JsonGenerator g, ActionContext context) throws IOException {
        if (context == null) return;
        g.writeObjectFieldStart("action_context");
        string(g, "action_type", context.actionType());
        instant(g, "initiated_at", context.initiatedAt());
        string(g, "initiated_by", context.initiatedBy());
        value(g, "action_input", context.actionInput());
        value(g, "context", context.context());
        g.writeEndObject();
    }

    private static ActionContext context(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_OBJECT);
        String actionType = null;
        Instant initiatedAt = null;
        String initiatedBy = null;
        Map<String, Object> actionInput = null;
        Map<String, Object> context = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "action_type" -> actionType = string(p, v);
                case "initiated_at" -> initiatedAt = instant(p, v);
                case "initiated_by" -> initiatedBy = string(p, v);
                case "action_input" -> actionInput = map(p, v);
                case "context" -> context = map(p, v);
                default -> throw unknown(p, name);
            }
        }
        return new ActionContext(actionType, initiatedAt, initiatedBy, actionInput, context);
    }

    // ---- action runs --------------------------------------------------------------------------------------------

    private static void writeAction(JsonGenerator g, ActionRecord action) throws IOException {
        g.writeStartObject();
        string(g, "id", action.id);
        string(g, "action_type", action.actionType);
        instant(g, "initiated_at", action.initiatedAt);
        string(g, "initiated_by", action.initiatedBy);
        value(g, "action_input", action.actionInput);
        value(g, "context", action.context);
        string(g, "status", action.status == null ? null : STATUS[action.status.ordinal()]);
        strings(g, "job_ids", action.jobIds);
        string(g, "error", action.error);
        instant(g, "finished_at", action.finishedAt);
        string(g, "replay_of", action.replayOf);
        g.writeEndObject();
    }

    /** As {@link ActionRecord.Status}'s {@code @JsonProperty} names spell them (a test holds the two together). */
    private static final String[] STATUS = java.util.Arrays.stream(ActionRecord.Status.values())
            .map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);

    private static ActionRecord readAction(JsonParser p) throws IOException {
        expect(p, p.nextToken(), JsonToken.START_OBJECT);
        ActionRecord action = new ActionRecord();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> action.id = string(p, t);
                case "action_type" -> action.actionType = string(p, t);
                case "initiated_at" -> action.initiatedAt = instant(p, t);
                case "initiated_by" -> action.initiatedBy = string(p, t);
                case "action_input" -> action.actionInput = tree(p, t);
                case "context" -> action.context = map(p, t);
                case "status" -> action.status = status(p, t);
                case "job_ids" -> action.jobIds = strings(p, t);
                case "error" -> action.error = string(p, t);
                case "finished_at" -> action.finishedAt = instant(p, t);
                case "replay_of" -> action.replayOf = string(p, t);
                default -> throw unknown(p, name);
            }
        }
        expect(p, p.currentToken(), JsonToken.END_OBJECT);
        if (action.actionInput == null) action.actionInput = NullNode.getInstance();
        return action;
    }

    private static ActionRecord.Status status(JsonParser p, JsonToken t) throws IOException {
        String text = string(p, t);
        if (text == null) return null;
        for (int i = 0; i < STATUS.length; i++) {
            if (STATUS[i].equalsIgnoreCase(text)) return ActionRecord.Status.values()[i];
        }
        throw problem(p, "unknown action status '" + text + "'");
    }

    // ---- fields -------------------------------------------------------------------------------------------------

    /** Null fields are left out: reading gives them the value a null gave in JSON. */
    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) g.writeStringField(name, value);
    }

    private static String string(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) return p.getText();
        if (t == JsonToken.VALUE_NULL) return null;
        throw problem(p, "expected text, found " + t);
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values == null) {
            g.writeNullField(name);
            return;
        }
        g.writeArrayFieldStart(name);
        for (String value : values) {
            if (value == null) {
                g.writeNull();
            } else {
                g.writeString(value);
            }
        }
        g.writeEndArray();
    }

    private static List<String> strings(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_ARRAY);
        List<String> out = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) out.add(string(p, t));
        return out;
    }

    private static void state(JsonGenerator g, String name, JobState state) throws IOException {
        string(g, name, state == null ? null : LABELS[state.ordinal()]);
    }

    private static JobState state(JsonParser p, JsonToken t) throws IOException {
        String text = string(p, t);
        if (text == null) return null;
        for (int i = 0; i < LABELS.length; i++) {
            if (LABELS[i].equals(text)) return STATES[i];
        }
        try {
            return JobState.parse(text);
        } catch (IllegalArgumentException e) {
            throw problem(p, e.getMessage());
        }
    }

    /** Nanoseconds since the epoch when they fit in a long (years 1677 to 2262), else ISO-8601 text. */
    private static void instant(JsonGenerator g, String name, Instant at) throws IOException {
        if (at == null) return;
        g.writeFieldName(name);
        if (at.getEpochSecond() > -MAX_NANO_SECONDS && at.getEpochSecond() < MAX_NANO_SECONDS) {
            g.writeNumber(at.getEpochSecond() * NANOS + at.getNano());
        } else {
            g.writeString(at.toString());
        }
    }

    private static final long NANOS = 1_000_000_000L;
    private static final long MAX_NANO_SECONDS = Long.MAX_VALUE / NANOS - 1;

    private static Instant instant(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            long nanos = p.getLongValue();
            return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Instant.parse(p.getText());
            } catch (java.time.format.DateTimeParseException e) {
                throw problem(p, e.getMessage());
            }
        }
        if (t == JsonToken.VALUE_NULL) return null;
        throw problem(p, "expected an instant, found " + t);
    }

    private static int integer(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw problem(p, "expected an int, found " + t);
        }
        return p.getIntValue();
    }

    private static long longValue(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) throw problem(p, "expected a long, found " + t);
        return p.getLongValue();
    }

    private static boolean bool(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_TRUE) return true;
        if (t == JsonToken.VALUE_FALSE) return false;
        throw problem(p, "expected true or false, found " + t);
    }

    /** A free-form value (a tree, a map of JSON-like values), written as {@link Json#mapper()} writes it. */
    private static void value(JsonGenerator g, String name, Object value) throws IOException {
        if (value == null) return;
        g.writeFieldName(name);
        value(g, value);
    }

    /**
     * The plain shapes (maps with text keys, lists, text, ints, longs, doubles, booleans and the matching tree
     * nodes) are written directly; anything else goes through {@link Json#mapper()}.
     */
    private static void value(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String text -> g.writeString(text);
            case Integer n -> g.writeNumber(n);
            case Long n -> g.writeNumber(n);
            case Boolean b -> g.writeBoolean(b);
            case Double d -> g.writeNumber(d);
            case Map<?, ?> map when plainMap(map) -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeFieldName((String) e.getKey());
                    value(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> list when list.getClass().getName().startsWith("java.util.") -> {
                g.writeStartArray();
                for (Object item : list) value(g, item);
                g.writeEndArray();
            }
            case ObjectNode node -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    g.writeFieldName(e.getKey());
                    value(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ArrayNode node -> {
                g.writeStartArray();
                for (JsonNode item : node) value(g, item);
                g.writeEndArray();
            }
            case TextNode node -> g.writeString(node.textValue());
            case IntNode node -> g.writeNumber(node.intValue());
            case LongNode node -> g.writeNumber(node.longValue());
            case DoubleNode node -> g.writeNumber(node.doubleValue());
            case BooleanNode node -> g.writeBoolean(node.booleanValue());
            case NullNode node -> g.writeNull();
            default -> VALUES.writeValue(g, value);
        }
    }

    private static boolean plainMap(Map<?, ?> map) {
        if (!map.getClass().getName().startsWith("java.util.")) return false;
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) return false;
        }
        return true;
    }

    /**
     * A free-form tree, as JSON binding reads a JsonNode field: a null is a {@link NullNode}, not a Java null.
     * Values are the nodes JSON binding makes of the same tokens.
     */
    private static JsonNode tree(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                ObjectNode node = NODES.objectNode();
                String name;
                while ((name = p.nextFieldName()) != null) node.replace(name, tree(p, p.nextToken()));
                return node;
            }
            case START_ARRAY -> {
                ArrayNode node = NODES.arrayNode();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) node.add(tree(p, t));
                return node;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return switch (p.getNumberType()) {
                    case FLOAT -> NODES.numberNode(p.getFloatValue());
                    case BIG_DECIMAL -> NODES.numberNode(p.getDecimalValue());
                    default -> NODES.numberNode(p.getDoubleValue());
                };
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw problem(p, "unexpected " + t + " in a stored value");
        }
    }

    /** A free-form map, as JSON binding reads a {@code Map<String, Object>} field. */
    private static Map<String, Object> map(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        expect(p, t, JsonToken.START_OBJECT);
        return object(p);
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        String name;
        while ((name = p.nextFieldName()) != null) out.put(name, untyped(p, p.nextToken()));
        return out;
    }

    /** A value as JSON binding reads it into an {@code Object}: maps, lists, text, numbers, booleans, null. */
    private static Object untyped(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                return object(p);
            }
            case START_ARRAY -> {
                List<Object> out = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) out.add(untyped(p, t));
                return out;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw problem(p, "unexpected " + t + " in a stored value");
        }
    }

    private static void expect(JsonParser p, JsonToken found, JsonToken wanted) throws IOException {
        if (found != wanted) throw problem(p, "expected " + wanted + ", found " + found);
    }

    private static IOException unknown(JsonParser p, String name) {
        return problem(p, "unknown field '" + name + "'");
    }

    private static IOException problem(JsonParser p, String message) {
        return new com.fasterxml.jackson.core.JsonParseException(p, message);
    }

    /**
     * Writes free-form values so that they read back from Smile as they would from JSON text: JSON has no binary,
     * float, big-decimal or NaN values, so a byte array reads back as Base64 text, a float or a decimal as a
     * double (or an integer, if its text has no fraction), a small big integer as an int or a long, and NaN as
     * text.
     */
    private static final class AsJsonText extends JsonGeneratorDelegate {
        AsJsonText(JsonGenerator smile) {
            super(smile, false);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (Double.isFinite(v)) {
                delegate.writeNumber(v);
            } else {
                delegate.writeString(String.valueOf(v));
            }
        }

        @Override
        public void writeNumber(float v) throws IOException {
            if (Float.isFinite(v)) {
                delegate.writeNumber(Double.parseDouble(Float.toString(v)));
            } else {
                delegate.writeString(String.valueOf(v));
            }
        }

        @Override
        public void writeNumber(BigDecimal v) throws IOException {
            if (v == null) {
                delegate.writeNull();
                return;
            }
            String text = v.toString();
            if (text.indexOf('.') < 0 && text.indexOf('E') < 0 && text.indexOf('e') < 0) {
                writeNumber(new BigInteger(text));
            } else {
                delegate.writeNumber(Double.parseDouble(text));
            }
        }

        @Override
        public void writeNumber(BigInteger v) throws IOException {
            if (v == null) {
                delegate.writeNull();
            } else if (v.bitLength() < 64) {
                delegate.writeNumber(v.longValue());
            } else {
                delegate.writeNumber(v);
            }
        }

        @Override
        public void writeBinary(Base64Variant variant, byte[] data, int offset, int len) throws IOException {
            byte[] slice = offset == 0 && len == data.length ? data : java.util.Arrays.copyOfRange(data, offset,
                    offset + len);
            delegate.writeString(variant.encode(slice));
        }
    }
}
