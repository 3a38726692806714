package dev.causa.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.Causa;
import dev.causa.engine.model.JobRecord;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.store.Page;
import dev.causa.engine.view.ActionContextView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Free text over jobs' action input and action context ({@code q=}): no index holds it, so the listing is scanned
 * newest first and filtered on the way, at most {@link #SCAN_LIMIT} jobs per request. A page that stopped at that
 * bound has a {@code next} cursor (and may be short, even empty): the following request goes on from there.
 */
final class JobSearch {

    /** How many jobs one request reads at most while filtering. */
    static final int SCAN_LIMIT = 10_000;
    private static final int BATCH = 500;

    private JobSearch() {
    }

    static Page<JobRecord> page(Causa causa, JobQuery query, String text, int limit) {
        String needle = text.toLowerCase(Locale.ROOT);
        List<JobRecord> found = new ArrayList<>();
        String cursor = query.cursor();
        int scanned = 0;
        while (true) {
            Page<JobRecord> batch = causa.jobPage(new JobQuery(query.actionType(), query.state(), query.actionId(),
                    query.parentJobId(), query.initiatedBy(), cursor, BATCH));
            for (JobRecord job : batch.items()) {
                scanned++;
                cursor = job.id;
                if (matches(job, needle)) found.add(job);
                if (found.size() == limit || scanned >= SCAN_LIMIT) return new Page<>(found, job.id);
            }
            if (batch.next() == null || batch.items().isEmpty()) return Page.last(found);
            cursor = batch.next();
        }
    }

    /** Whether the text occurs in the job's (redacted) action input or action context, ignoring case. */
    static boolean matches(JobRecord job, String needle) {
        if (job.actionContext == null) return false;
        JsonNode context = ActionContextView.json(job.actionContext);
        return contains(context.get(ActionContextView.ACTION_INPUT), needle)
                || contains(context.get(ActionContextView.CONTEXT), needle);
    }

    private static boolean contains(JsonNode node, String needle) {
        return node != null && !node.isNull() && node.toString().toLowerCase(Locale.ROOT).contains(needle);
    }
}
