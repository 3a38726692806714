package dev.causa.api;

import java.nio.file.Path;

/** What an action sees while it executes: where to dispatch jobs and how to report what it produced. */
public interface ActionScope {

    /** The id of this action run, as shown by {@code action list-runs}. */
    String actionId();

    /** Who started the action, e.g. {@code repl:alice}, {@code cli:alice}, {@code script:nightly.mjs}. */
    String initiatedBy();

    /**
     * Records something the action produced (a new location id, a resolved path). The values are handed to the
     * plugin's {@link ActionContextProvider} and so can become part of the action context.
     *
     * @param value a JSON-like value: String, Number, Boolean, List, Map or null
     */
    void produced(String key, Object value);

    /**
     * Dispatches a job of a type contributed by any installed plugin. The job is stored and queued once
     * {@code execute} returns; it carries this action's context.
     *
     * @param payload the job's input, stored as JSON (sensitive components are redacted on disk)
     * @return the new job's id
     */
    default String dispatch(String jobType, Record payload) {
        return dispatch(jobType, payload, JobOptions.DEFAULT);
    }

    /**
     * {@link #dispatch(String, Record)} with options, e.g. {@code JobOptions.priority(10)} to run before the jobs of
     * lower priority already waiting.
     *
     * @return the new job's id
     */
    String dispatch(String jobType, Record payload, JobOptions options);

    /** A directory that belongs to the calling plugin, inside the causa home, for its own data. */
    Path dataDirectory();
}
