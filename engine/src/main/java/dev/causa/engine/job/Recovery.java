package dev.causa.engine.job;

import dev.causa.engine.model.JobRecord;
import dev.causa.engine.model.JobState;
import dev.causa.engine.store.local.LocalWorkQueue;
import java.time.Instant;

/**
 * A claimed job whose last holder is gone (its lease expired: a crash, an exit that did not wait for it, a lost
 * node): the history says so, and the job resumes from its last checkpoint; a job the user cancelled while it ran
 * is cancelled instead.
 */
final class Recovery {

    /** What to do with a claim of an orphaned job. */
    enum Verdict { RUN, CANCEL }

    private Recovery() {
    }

    /** Records the interruption of an orphaned running job; call under the record's monitor. */
    static Verdict interrupted(JobRecord record, String from) {
        if (record.state != JobState.RUNNING) return Verdict.RUN;
        if (record.cancelRequested) return Verdict.CANCEL; // cancelled while it ran, and it never stopped
        String reason = from == null || LocalWorkQueue.EARLIER_PROCESS.equals(from)
                ? "interrupted: causa stopped while the job ran"
                : "interrupted: node " + from + " was lost";
        record.transition(JobState.PAUSED, reason, Instant.now());
        return Verdict.RUN;
    }

    /** The reason a resumed run gives in the history. */
    static String resumedReason(JobRecord record, String expiredFrom, String node, boolean fresh) {
        if (fresh) return "running again from the start (job type is not resumable)";
        String where = record.checkpoint == null ? "the start" : "its last checkpoint";
        if (expiredFrom == null || LocalWorkQueue.EARLIER_PROCESS.equals(expiredFrom)) return "resumed from " + where;
        return "resumed on node " + node + " after node " + expiredFrom + " was lost, from " + where;
    }
}
