package dev.causa.api;

import org.pf4j.ExtensionPoint;

/**
 * Something a user can start, named by a dotted action type such as {@code files.copy}.
 *
 * <p>The engine binds the user's JSON to {@link #inputType()} (unknown or ill-typed fields are an error), calls
 * {@link #validate}, builds the {@link ActionContext}, then calls {@link #execute}. Jobs dispatched through the
 * {@link ActionScope} are stored only if {@code execute} returns normally, and every one of them carries the
 * action's context. Contribute an implementation with PF4J's {@code @Extension}.
 *
 * @param <I> the input record; its components are the JSON fields, in snake_case
 */
public interface Action<I extends Record> extends ExtensionPoint {

    /** The dotted action type, unique across all installed plugins, e.g. {@code files.copy}. */
    String type();

    /** The record the user's JSON input is bound to. */
    Class<I> inputType();

    /** One line for {@code action list}. */
    default String description() {
        return "";
    }

    /**
     * Rejects an input that binds but makes no sense (a missing path, an empty list).
     *
     * @throws InvalidInputException with a message the user can act on; no job is created
     */
    default void validate(I input) throws InvalidInputException {
    }

    /**
     * Does the action's own work and dispatches its jobs through {@code scope}.
     *
     * @throws InvalidInputException for input found wrong only now (a name that matches nothing): the user gets
     *                               one line and nothing is stored
     * @throws Exception             to fail the action: it is recorded as failed, and jobs dispatched so far are
     *                               discarded
     */
    void execute(I input, ActionScope scope) throws Exception;

    /** How failed jobs of this action are retried; none by default. */
    default RetryPolicy retryPolicy() {
        return RetryPolicy.NONE;
    }
}
