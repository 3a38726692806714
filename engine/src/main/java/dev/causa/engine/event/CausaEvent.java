package dev.causa.engine.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.view.JobView;

/**
 * An event as every front end sees it: its name ({@code job.progress}, {@code action.completed}, ...) and its JSON
 * (DESIGN §6). The JSON is built once, by {@link Events}, and shared read-only.
 */
public record CausaEvent(String name, ObjectNode json) {

    public String jobId() {
        return json.path(Events.JOB_ID).asText(null);
    }

    public String actionId() {
        return json.path(JobView.ACTION_ID).asText(null);
    }

    public String message() {
        return json.path(JobView.MESSAGE).asText(null);
    }

    /** Whether this event ends a job or an action: nothing more will follow for it. */
    public boolean isFinal() {
        return name.endsWith(".completed") || name.endsWith(".failed") || name.endsWith(".cancelled");
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
