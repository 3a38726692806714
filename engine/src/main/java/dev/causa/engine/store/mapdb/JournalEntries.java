package dev.causa.engine.store.mapdb;

import dev.causa.engine.model.Ids;

import dev.causa.engine.model.JobState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a store change is written in the journal: enough to apply it to the maps and indexes again, and nothing
 * that depends on who waited for it.
 */
final class JournalEntries {

    private static final byte JOB = 1;
    private static final byte ACTION = 2;
    /** The state a job write found indexed: none (a new job), or not known at hand-over (asked at apply time). */
    private static final byte NONE = -1;
    private static final byte UNKNOWN = -2;

    /** Where a replayed entry goes. */
    interface Target {
        void job(PendingJobWrite write);

        void action(PendingAction action);
    }

    private JournalEntries() {
    }

    static byte[] job(PendingJobWrite w) {
        byte[] type = utf8(w.actionType);
        ByteBuffer out = ByteBuffer.allocate(1 + 8 + 1 + 1 + 1 + textSize(type) + 8 + 8 + 4 + w.bytes.length);
        out.put(JOB).putLong(w.key);
        out.put((byte) (!w.indexedKnown ? UNKNOWN : w.indexedState == null ? NONE : w.indexedState.ordinal()));
        out.put((byte) w.newState.ordinal());
        out.put((byte) (w.isNew ? 1 : 0));
        putText(out, type);
        out.putLong(w.actionKey).putLong(w.parentKey);
        out.putInt(w.bytes.length).put(w.bytes);
        return out.array();
    }

    static byte[] action(PendingAction a) {
        byte[] type = utf8(a.actionType());
        ByteBuffer out = ByteBuffer.allocate(1 + 8 + textSize(type) + 1 + 4 + a.bytes().length);
        out.put(ACTION).putLong(Ids.parse(a.id()));
        putText(out, type);
        out.put((byte) (a.isNew() ? 1 : 0));
        out.putInt(a.bytes().length).put(a.bytes());
        return out.array();
    }

    /** Action types as UTF-8, kept: a handful of them are written with every entry. */
    private static final java.util.concurrent.ConcurrentHashMap<String, byte[]> UTF8 =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] utf8(String text) {
        if (text == null) return null;
        byte[] known = UTF8.get(text);
        if (known != null) return known;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (UTF8.size() < 10_000) UTF8.put(text, bytes);
        return bytes;
    }

    private static int textSize(byte[] utf8) {
        return 4 + (utf8 == null ? 0 : utf8.length);
    }

    /** A length (-1 for null) and the bytes: the layout readText reads. */
    private static void putText(ByteBuffer out, byte[] utf8) {
        if (utf8 == null) {
            out.putInt(-1);
        } else {
            out.putInt(utf8.length).put(utf8);
        }
    }

    static void replay(ByteBuffer entry, Target target) {
        byte kind = entry.get();
        if (kind == JOB) {
            String id = Ids.text(entry.getLong());
            int indexed = entry.get();
            JobState newState = JobState.values()[entry.get()];
            boolean isNew = entry.get() != 0;
            String actionType = readText(entry);
            long actionId = entry.getLong();
            long parent = entry.getLong();
            byte[] bytes = new byte[entry.getInt()];
            entry.get(bytes);
            target.job(PendingJobWrite.replayed(id, bytes, indexed < 0 ? null : JobState.values()[indexed],
                    indexed != UNKNOWN, newState, isNew, actionType, actionId < 0 ? null : Ids.text(actionId), parent < 0 ? null : Ids.text(parent)));
        } else if (kind == ACTION) {
            String id = Ids.text(entry.getLong());
            String actionType = readText(entry);
            boolean isNew = entry.get() != 0;
            byte[] bytes = new byte[entry.getInt()];
            entry.get(bytes);
            target.action(new PendingAction(id, actionType, bytes, isNew, List.of(), null));
        } else {
            throw new IllegalStateException("unknown journal entry kind " + kind);
        }
    }

    private static String readText(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) return null;
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
