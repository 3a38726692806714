package dev.causa.repl.attach;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A command's stdout or stderr on the connection: bytes go out as frames of one type when flushed (the command's
 * writers flush at every line) or when the buffer fills, through the connection's {@link FrameWriter}.
 */
final class FrameOutputStream extends OutputStream {

    private final FrameWriter writer;
    private final Frames.Type type;
    private final byte[] buffer = new byte[8192];
    private int count;

    FrameOutputStream(FrameWriter writer, Frames.Type type) {
        this.writer = writer;
        this.type = type;
    }

    @Override
    public synchronized void write(int b) {
        if (count == buffer.length) flush();
        buffer[count++] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (count == buffer.length) flush();
            int n = Math.min(length, buffer.length - count);
            System.arraycopy(bytes, offset, buffer, count, n);
            count += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public synchronized void flush() {
        if (count == 0) return;
        writer.send(type, Arrays.copyOf(buffer, count));
        count = 0;
    }
}
