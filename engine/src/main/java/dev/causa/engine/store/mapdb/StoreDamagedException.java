package dev.causa.engine.store.mapdb;

import dev.causa.engine.store.StoreException;
import java.nio.file.Path;

/** The store file cannot be read as it is; the message says how to get out. */
public final class StoreDamagedException extends StoreException {

    public StoreDamagedException(Path file, Throwable cause) {
        super("the store " + file + " is damaged (" + firstSentence(cause) + "): run `causa store repair` to copy out"
                + " what is readable (the damaged file is kept), or `causa store restore <backup>`", cause);
    }

    private static String firstSentence(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int dot = message.indexOf(". ");
        return dot > 0 ? message.substring(0, dot) : message;
    }
}
