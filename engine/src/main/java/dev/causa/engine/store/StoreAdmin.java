package dev.causa.engine.store;

import java.nio.file.Path;
import java.util.List;

/**
 * Maintenance a backend may offer (DESIGN §10), on a store no engine has open: check, backup, repair, restore.
 * A provider hands it out for a store URL ({@link StoreProvider#admin}).
 */
public interface StoreAdmin {

    /** What a maintenance step found and did, for one line of output and {@code --json}. */
    record Report(long jobs, long actions, long unreadable, long misindexed, List<String> problems) {

        public boolean healthy() {
            return unreadable == 0 && misindexed == 0 && problems.isEmpty();
        }
    }

    /** Reads every record and checks the indexes. */
    Report check();

    /** Writes a consistent copy to {@code target}, which must not exist. */
    Report backup(Path target);

    /** Copies what is readable into a fresh store; the damaged one is kept beside it. */
    Report repair();

    /** Puts a backup in place; the current store is kept beside it. */
    Report restore(Path backup);
}
