package dev.causa.api;

import java.time.Instant;
import java.util.Map;

/**
 * Why a job runs: the action that caused it. Stored with the job, shown in every progress event, kept after the
 * job ends. In JSON its fields are {@code action_type}, {@code initiated_at}, {@code initiated_by},
 * {@code action_input} and {@code context}.
 *
 * @param actionType  the dotted action type
 * @param initiatedAt when the action started (UTC)
 * @param initiatedBy who started it: {@code repl:<user>}, {@code cli:<user>}, {@code script:<file>}, {@code job:<id>}
 * @param actionInput the input with secrets replaced by {@code "[redacted]"}
 * @param context     the action-specific context from the plugin's {@link ActionContextProvider}
 */
public record ActionContext(String actionType, Instant initiatedAt, String initiatedBy,
                            Map<String, Object> actionInput, Map<String, Object> context) {

    /** A value of the action-specific context, or {@code fallback} if absent. */
    public String contextValue(String key, String fallback) {
        Object value = context == null ? null : context.get(key);
        return value == null ? fallback : String.valueOf(value);
    }

    /** A value of the (sanitized) input, or {@code fallback} if absent. */
    public String inputValue(String key, String fallback) {
        Object value = actionInput == null ? null : actionInput.get(key);
        return value == null ? fallback : String.valueOf(value);
    }
}
