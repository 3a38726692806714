package dev.causa.engine.store.mapdb;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import org.mapdb.DataInput2;
import org.mapdb.DataOutput2;
import org.mapdb.serializer.GroupSerializer;

/**
 * B-tree keys that are pairs of longs, {@code {code, id}}, ordered by code then id: the entries of the secondary
 * indexes. A node's keys are kept as one flat {@code long[]} and written delta-packed (ids under one code are
 * time-ordered, so the deltas are small), which makes the node rewrites of an index insert cheap: profiling showed
 * the generic tuple serializer's boxing dominating the store writer.
 */
final class LongPairs implements GroupSerializer<long[]> {

    static final LongPairs INSTANCE = new LongPairs();

    static long[] of(long code, long id) {
        return new long[]{code, id};
    }

    private LongPairs() {
    }

    @Override
    public int compare(long[] a, long[] b) {
        int byCode = Long.compare(a[0], b[0]);
        return byCode != 0 ? byCode : Long.compare(a[1], b[1]);
    }

    @Override
    public boolean equals(long[] a, long[] b) {
        return a[0] == b[0] && a[1] == b[1];
    }

    @Override
    public int hashCode(long[] a, int seed) {
        return Long.hashCode(a[0] * 31 + a[1]) + seed;
    }

    @Override
    public boolean isTrusted() {
        return true;
    }

    @Override
    public void serialize(DataOutput2 out, long[] value) throws IOException {
        out.writeLong(value[0]);
        out.writeLong(value[1]);
    }

    @Override
    public long[] deserialize(DataInput2 in, int available) throws IOException {
        return new long[]{in.readLong(), in.readLong()};
    }

    @Override
    public void valueArraySerialize(DataOutput2 out, Object vals) throws IOException {
        long[] flat = (long[]) vals;
        long previousCode = Long.MIN_VALUE;
        long previousId = 0;
        for (int i = 0; i < flat.length; i += 2) {
            long code = flat[i];
            long id = flat[i + 1];
            out.writeLong(code);
            if (code == previousCode && id > previousId) {
                out.packLong(id - previousId);
            } else {
                out.packLong(0);
                out.writeLong(id);
            }
            previousCode = code;
            previousId = id;
        }
    }

    @Override
    public Object valueArrayDeserialize(DataInput2 in, int size) throws IOException {
        long[] flat = new long[size * 2];
        long previousCode = Long.MIN_VALUE;
        long previousId = 0;
        for (int i = 0; i < flat.length; i += 2) {
            long code = in.readLong();
            long delta = in.unpackLong(); // 0: a raw id follows (a new code); else the id's distance from the last
            long id = delta != 0 ? previousId + delta : in.readLong();
            flat[i] = code;
            flat[i + 1] = id;
            previousCode = code;
            previousId = id;
        }
        return flat;
    }

    @Override
    public int valueArraySearch(Object keys, long[] key) {
        long[] flat = (long[]) keys;
        int lo = 0;
        int hi = flat.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compare(flat[2 * mid], key[0]);
            if (c == 0) c = Long.compare(flat[2 * mid + 1], key[1]);
            if (c < 0) lo = mid + 1;
            else if (c > 0) hi = mid - 1;
            else return mid;
        }
        return -(lo + 1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public int valueArraySearch(Object keys, long[] key, Comparator comparator) {
        if (comparator == this) return valueArraySearch(keys, key);
        long[] flat = (long[]) keys;
        int lo = 0;
        int hi = flat.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = comparator.compare(key, valueArrayGet(keys, mid));
            if (c == 0) return mid;
            if (c < 0) hi = mid - 1;
            else lo = mid + 1;
        }
        return -(lo + 1);
    }

    @Override
    public long[] valueArrayGet(Object vals, int pos) {
        long[] flat = (long[]) vals;
        return new long[]{flat[2 * pos], flat[2 * pos + 1]};
    }

    @Override
    public int valueArraySize(Object vals) {
        return ((long[]) vals).length / 2;
    }

    @Override
    public Object valueArrayEmpty() {
        return new long[0];
    }

    @Override
    public Object valueArrayPut(Object vals, int pos, long[] value) {
        long[] flat = (long[]) vals;
        long[] out = new long[flat.length + 2];
        System.arraycopy(flat, 0, out, 0, 2 * pos);
        out[2 * pos] = value[0];
        out[2 * pos + 1] = value[1];
        System.arraycopy(flat, 2 * pos, out, 2 * pos + 2, flat.length - 2 * pos);
        return out;
    }

    @Override
    public Object valueArrayUpdateVal(Object vals, int pos, long[] value) {
        long[] out = ((long[]) vals).clone();
        out[2 * pos] = value[0];
        out[2 * pos + 1] = value[1];
        return out;
    }

    @Override
    public Object valueArrayFromArray(Object[] objects) {
        long[] out = new long[objects.length * 2];
        for (int i = 0; i < objects.length; i++) {
            long[] pair = (long[]) objects[i];
            out[2 * i] = pair[0];
            out[2 * i + 1] = pair[1];
        }
        return out;
    }

    @Override
    public Object valueArrayCopyOfRange(Object vals, int from, int to) {
        return Arrays.copyOfRange((long[]) vals, 2 * from, 2 * to);
    }

    /** Deletes the value at {@code pos - 1}: MapDB counts from 1 here. */
    @Override
    public Object valueArrayDeleteValue(Object vals, int pos) {
        long[] flat = (long[]) vals;
        int at = 2 * (pos - 1);
        long[] out = new long[flat.length - 2];
        System.arraycopy(flat, 0, out, 0, at);
        System.arraycopy(flat, at + 2, out, at, flat.length - at - 2);
        return out;
    }
}
