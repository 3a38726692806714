package dev.causa.engine.event;

import dev.causa.api.ActionContext;
import dev.causa.api.Progress;

/**
 * The one place that words progress. A job's explicit message wins; otherwise the message is framed from the
 * phase, the job's title (from its payload and action context) and the counts:
 * {@code "Finalizing Documents scan (3846/3877)"}. Without a title the action type names the work, and without an
 * action the job type does, so a plain job still reads "Processing file_copy (3/9)".
 */
public final class ProgressMessages {

    private ProgressMessages() {
    }

    public static String message(Progress progress, String title, ActionContext action, String jobType) {
        if (progress.message() != null && !progress.message().isBlank()) return progress.message();
        String subject = title != null && !title.isBlank() ? title
                : action != null ? action.actionType() : jobType;
        StringBuilder text = new StringBuilder();
        if (progress.phase() != null && !progress.phase().isBlank()) text.append(progress.phase()).append(' ');
        text.append(subject);
        if (progress.total() > 0) {
            text.append(" (").append(progress.completed()).append('/').append(progress.total()).append(')');
        } else if (progress.completed() > 0) {
            text.append(" (").append(progress.completed()).append(')');
        }
        return text.toString();
    }

    /** The message for a job that has not reported progress yet. */
    public static String starting(String title, ActionContext action, String jobType) {
        return message(new Progress("Starting", null, 0, -1, -1, -1, null, 0, 0), title, action, jobType);
    }
}
