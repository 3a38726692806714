package dev.causa.engine.store;

/** The store cannot be used: in use by another process, unreadable, or failing to commit. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
