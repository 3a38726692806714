package dev.causa.engine.store;

import dev.causa.engine.job.JobState;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** Where a replayed entry goes. */
    interface Target {
        void job(PendingJobWrite write);

        void action(PendingAction action);
    }

    private JournalEntries() {
    }

    static byte[] job(PendingJobWrite w) {
        return encode(out -> {
            out.writeByte(JOB);
            out.writeLong(w.key);
            out.writeByte(w.indexedState == null ? -1 : w.indexedState.ordinal());
            out.writeByte(w.newState.ordinal());
            out.writeBoolean(w.isNew);
            writeText(out, w.actionType);
            out.writeLong(w.actionId == null ? -1 : Ids.parse(w.actionId));
            out.writeLong(w.parentJobId == null ? -1 : Ids.parse(w.parentJobId));
            out.writeInt(w.bytes.length);
            out.write(w.bytes);
        });
    }

    static byte[] action(PendingAction a) {
        return encode(out -> {
            out.writeByte(ACTION);
            out.writeLong(Ids.parse(a.id()));
            writeText(out, a.actionType());
            out.writeBoolean(a.isNew());
            out.writeInt(a.bytes().length);
            out.write(a.bytes());
        });
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
            target.job(PendingJobWrite.replayed(id, bytes, indexed < 0 ? null : JobState.values()[indexed], newState,
                    isNew, actionType, actionId < 0 ? null : Ids.text(actionId), parent < 0 ? null : Ids.text(parent)));
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

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] encode(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) return null;
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
