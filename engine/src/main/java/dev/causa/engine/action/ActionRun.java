package dev.causa.engine.action;

import dev.causa.api.ActionContext;
import dev.causa.engine.job.LiveJob;
import dev.causa.engine.model.ActionRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A started action: its id and context, the jobs it dispatched (stored and queued), and a future that completes
 * with the final action record once every job of the action, children included, has finished.
 */
public record ActionRun(String actionId, ActionContext context, List<LiveJob> jobs,
                        CompletableFuture<ActionRecord> done) {

    public List<String> jobIds() {
        return jobs.stream().map(LiveJob::id).toList();
    }
}
