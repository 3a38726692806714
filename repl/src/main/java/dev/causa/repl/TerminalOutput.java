package dev.causa.repl;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * What commands write in the interactive shell. While a command runs its output is held, so that once it ends
 * output taller than the screen can go to a pager; a command that follows jobs live switches to writing
 * through at once. Writes to the terminal hold {@link #lock}, which the status line shares.
 */
final class TerminalOutput extends Writer {

    final Object lock = new Object();
    private PrintWriter terminal;
    private StringBuilder held = new StringBuilder();

    /** Holds what is written until {@link #attach} gives the terminal. */
    TerminalOutput() {
    }

    void attach(PrintWriter terminal) {
        synchronized (lock) {
            this.terminal = terminal;
        }
        live();
    }

    /** Holds what follows, until {@link #live()} or {@link #release()}. */
    void hold() {
        synchronized (lock) {
            held = new StringBuilder();
        }
    }

    /** Writes what is held and writes through from now on. */
    void live() {
        synchronized (lock) {
            if (held != null) terminal.write(held.toString());
            held = null;
            terminal.flush();
        }
    }

    /** Returns what is held (empty when writing through) and writes through from now on. */
    String release() {
        synchronized (lock) {
            String text = held == null ? "" : held.toString();
            held = null;
            return text;
        }
    }

    /** Writes straight to the terminal, for the shell's own messages. */
    void direct(String text) {
        synchronized (lock) {
            terminal.write(text);
            terminal.flush();
        }
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        synchronized (lock) {
            if (held != null) held.append(chars, offset, length);
            else terminal.write(chars, offset, length);
        }
    }

    @Override
    public void flush() {
        synchronized (lock) {
            if (held == null) terminal.flush();
        }
    }

    @Override
    public void close() {
        flush();
    }
}
