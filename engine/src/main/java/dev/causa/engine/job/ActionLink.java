package dev.causa.engine.job;

import dev.causa.api.ActionContext;
import java.util.Set;

/**
 * Why a job runs: the action run that dispatched it, its context, and the secrets of its input (kept in memory
 * only, to scrub them from the job's logs and errors).
 */
public record ActionLink(String actionId, ActionContext context, Set<String> secrets) {

    /** For a job dispatched without an action. */
    public static final ActionLink NONE = new ActionLink(null, null, Set.of());

    public String actionType() {
        return context == null ? null : context.actionType();
    }
}
