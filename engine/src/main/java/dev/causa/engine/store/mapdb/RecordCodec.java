package dev.causa.engine.store.mapdb;

import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.ActionRecord;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import dev.causa.engine.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;

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
final class RecordCodec {

    /** First byte of the Smile header {@code :)\n}; JSON records start with <code>{</code>. */
    private static final byte SMILE_0 = ':';

    private static final SmileFactory SMILE = SmileFactory.builder()
            .enable(SmileGenerator.Feature.WRITE_HEADER)
            .enable(SmileGenerator.Feature.CHECK_SHARED_NAMES)
            .build();


    private RecordCodec() {
    }

    // ---- the entry points ---------------------------------------------------------------------------------------

    /** The stored bytes of a {@link JobRecord} or an {@link ActionRecord}. */
    static byte[] encode(Object record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = new AsJsonText(SMILE.createGenerator(out))) {
            if (record instanceof JobRecord job) {
                JobCodec.write(g, job);
            } else if (record instanceof ActionRecord action) {
                ActionCodec.write(g, action);
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
            Object record = job ? JobCodec.read(p) : ActionCodec.read(p);
            if (p.nextToken() != null) throw CodecFields.problem(p, "trailing data after the record");
            return type.cast(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stored " + type.getSimpleName() + ": " + e.getMessage(), e);
        } catch (RuntimeException damaged) { // a damaged record can trip the parser in other ways
            throw new UncheckedIOException("cannot read stored " + type.getSimpleName() + ": " + damaged,
                    new IOException(damaged));
        }
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
