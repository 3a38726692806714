package dev.causa.engine.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.model.ActionRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How action runs end, per action type: {@code stats --json} and {@code GET /api/v1/stats}. Success rate counts
 * finished runs only; the percentiles are of the time from the action to its last job done, completed runs only.
 */
public final class StatsView {

    public static final String ACTION_TYPE = ActionView.ACTION_TYPE;
    public static final String RUNS = "runs";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String RUNNING = "running";
    /** In [0, 1], three decimals. */
    public static final String SUCCESS_RATE = "success_rate";
    /** Milliseconds, or -1 without a completed run. */
    public static final String P50_MS = "p50_ms";
    public static final String P95_MS = "p95_ms";

    /** One action type's numbers. */
    public record Row(String actionType, long runs, long completed, long failed, long running, double successPercent,
                      long p50Millis, long p95Millis) {

        public ObjectNode json() {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put(ACTION_TYPE, actionType).put(RUNS, runs).put(COMPLETED, completed).put(FAILED, failed)
                    .put(RUNNING, running).put(SUCCESS_RATE, Math.round(successPercent * 10) / 1000.0)
                    .put(P50_MS, p50Millis).put(P95_MS, p95Millis);
            return json;
        }
    }

    private StatsView() {
    }

    /** A row per action type, by type name. */
    public static List<Row> rows(List<ActionRecord> runs) {
        Map<String, List<ActionRecord>> byType = new TreeMap<>();
        for (ActionRecord r : runs) byType.computeIfAbsent(r.actionType, k -> new ArrayList<>()).add(r);
        List<Row> rows = new ArrayList<>();
        byType.forEach((type, ofType) -> {
            long completed = ofType.stream().filter(r -> r.status == ActionRecord.Status.COMPLETED).count();
            long failed = ofType.stream().filter(r -> r.status == ActionRecord.Status.FAILED).count();
            List<Long> millis = ofType.stream()
                    .filter(r -> r.finishedAt != null && r.status == ActionRecord.Status.COMPLETED)
                    .map(r -> Duration.between(r.initiatedAt, r.finishedAt).toMillis()).sorted().toList();
            double success = completed + failed == 0 ? 0 : 100.0 * completed / (completed + failed);
            rows.add(new Row(type, ofType.size(), completed, failed, ofType.size() - completed - failed, success,
                    percentile(millis, 50), percentile(millis, 95)));
        });
        return rows;
    }

    /** The rows as a JSON array. */
    public static ArrayNode json(List<Row> rows) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        rows.forEach(r -> array.add(r.json()));
        return array;
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) return -1;
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
