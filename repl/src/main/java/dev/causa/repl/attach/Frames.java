package dev.causa.repl.attach;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The attach protocol's framing: each frame is a one-byte type, a four-byte big-endian length and that many bytes.
 * A session on the socket is: the server's {@link Type#HELLO}, the client's {@link Type#REQUEST}, then
 * {@link Type#STDOUT} and {@link Type#STDERR} frames from the server and {@link Type#INTERRUPT} frames from the
 * client, until the server's {@link Type#EXIT}.
 */
public final class Frames {

    /** Larger frames are refused: nothing in the protocol comes near it. */
    static final int MAX_LENGTH = 16 << 20;

    /** What a frame carries. */
    public enum Type {
        /** server → client, JSON: {@code pid}, {@code kind} ("repl" or "serve"), {@code version}, {@code home}. */
        HELLO('H'),
        /** client → server, JSON: the command ({@link AttachRequest}). */
        REQUEST('R'),
        /** server → client: bytes the command wrote to its stdout. */
        STDOUT('O'),
        /** server → client: bytes the command wrote to its stderr. */
        STDERR('E'),
        /** server → client, four bytes: the command's exit code; the last frame. */
        EXIT('X'),
        /** client → server, empty: Ctrl-C; the command stops as it does on Ctrl-C locally. */
        INTERRUPT('I');

        final byte code;

        Type(char code) {
            this.code = (byte) code;
        }

        static Type of(byte code) throws IOException {
            for (Type t : values()) if (t.code == code) return t;
            throw new IOException("not a causa attach frame (type " + (code & 0xff) + ")");
        }
    }

    /** One frame as read. */
    public record Frame(Type type, byte[] payload) {
        /** The payload of an {@link Type#EXIT} frame. */
        public int exitCode() {
            return ByteBuffer.wrap(payload).getInt();
        }
    }

    private Frames() {
    }

    /** Writes one frame whole; callers that share a channel between threads hold a lock around it. */
    public static void write(WritableByteChannel channel, Type type, byte[] payload, int offset, int length)
            throws IOException {
        if (length > MAX_LENGTH) throw new IOException("frame too large: " + length + " bytes");
        ByteBuffer header = ByteBuffer.allocate(5).put(type.code).putInt(length).flip();
        ByteBuffer body = ByteBuffer.wrap(payload, offset, length);
        while (header.hasRemaining()) channel.write(header);
        while (body.hasRemaining()) channel.write(body);
    }

    public static void write(WritableByteChannel channel, Type type, byte[] payload) throws IOException {
        write(channel, type, payload, 0, payload.length);
    }

    /** The next frame, or null at the end of the stream before a frame began. */
    public static Frame read(ReadableByteChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(5);
        if (!fill(channel, header, true)) return null;
        header.flip();
        Type type = Type.of(header.get());
        int length = header.getInt();
        if (length < 0 || length > MAX_LENGTH) throw new IOException("bad frame length " + length);
        ByteBuffer body = ByteBuffer.allocate(length);
        fill(channel, body, false);
        return new Frame(type, body.array());
    }

    private static boolean fill(ReadableByteChannel channel, ByteBuffer buffer, boolean endAllowed)
            throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (endAllowed && buffer.position() == 0) return false;
                throw new EOFException("the connection ended inside a frame");
            }
        }
        return true;
    }
}
