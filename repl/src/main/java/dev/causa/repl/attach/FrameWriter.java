package dev.causa.repl.attach;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Writes a connection's outgoing frames on a thread of its own. The command's thread only queues them: it is the
 * thread Ctrl-C interrupts, and an interrupted thread that writes to a channel closes it, which would lose the
 * rest of the output and the exit code.
 */
final class FrameWriter {

    private record Out(Frames.Type type, byte[] payload) {
    }

    private final WritableByteChannel channel;
    private final LinkedBlockingQueue<Out> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    FrameWriter(WritableByteChannel channel, String name) {
        this.channel = channel;
        this.thread = Thread.ofPlatform().name(name).daemon(true).start(this::drain);
    }

    void send(Frames.Type type, byte[] payload) {
        queue.add(new Out(type, payload));
    }

    /** Queues the exit frame, the last, and waits until everything queued is written (or the client is gone). */
    void exit(int code) {
        send(Frames.Type.EXIT, ByteBuffer.allocate(4).putInt(code).array());
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void drain() {
        while (true) {
            Out next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                Frames.write(channel, next.type(), next.payload());
            } catch (IOException gone) {
                return; // the client left: what it did not read is lost with it
            }
            if (next.type() == Frames.Type.EXIT) return;
        }
    }
}
