package dev.causa.engine.store;

import java.nio.file.Path;

/** Another causa process holds the store file. */
public final class StoreInUseException extends StoreException {

    public StoreInUseException(Path file, String holderPid) {
        super("store in use: another causa process" + (holderPid == null || holderPid.isBlank() ? "" : " (pid "
                + holderPid + ")") + " has " + file + " open (close it, or use another --home)");
    }
}
