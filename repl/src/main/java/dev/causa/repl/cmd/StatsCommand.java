package dev.causa.repl.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.engine.json.Json;
import dev.causa.engine.model.ActionRecord;
import dev.causa.repl.view.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stats}: per action type, how runs end and how long action→jobs-done takes. */
@Command(name = "stats", description = "Per action type: runs, success rate, p50/p95 time from action to jobs done.")
final class StatsCommand extends SessionCommand {

    @Option(names = "--action-type", paramLabel = "TYPE", completionCandidates = Completions.ActionTypes.class,
            description = "Only this action type.")
    String actionType;
    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        Map<String, List<ActionRecord>> byType = new TreeMap<>();
        for (ActionRecord r : causa().actionRuns(actionType, 0)) {
            byType.computeIfAbsent(r.actionType, k -> new ArrayList<>()).add(r);
        }
        ArrayNode array = Json.mapper().createArrayNode();
        Table table = new Table("ACTION TYPE", "RUNS", "COMPLETED", "FAILED", "RUNNING", "SUCCESS", "P50", "P95");
        byType.forEach((type, runs) -> {
            long completed = runs.stream().filter(r -> r.status == ActionRecord.Status.COMPLETED).count();
            long failed = runs.stream().filter(r -> r.status == ActionRecord.Status.FAILED).count();
            List<Long> millis = runs.stream().filter(r -> r.finishedAt != null && r.status == ActionRecord.Status.COMPLETED)
                    .map(r -> Duration.between(r.initiatedAt, r.finishedAt).toMillis()).sorted().toList();
            double success = completed + failed == 0 ? 0 : 100.0 * completed / (completed + failed);
            ObjectNode json = array.addObject();
            json.put("action_type", type).put("runs", runs.size()).put("completed", completed).put("failed", failed)
                    .put("running", runs.size() - completed - failed).put("success_rate", Math.round(success * 10) / 1000.0)
                    .put("p50_ms", percentile(millis, 50)).put("p95_ms", percentile(millis, 95));
            table.row(type, runs.size(), completed, failed, runs.size() - completed - failed,
                    String.format("%.1f%%", success), ms(percentile(millis, 50)), ms(percentile(millis, 95)));
        });
        if (output.json) return printJson(array);
        if (table.isEmpty()) out().println("no action runs yet");
        else table.print(out(), ansi());
        return 0;
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) return -1;
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String ms(long millis) {
        return millis < 0 ? "-" : millis < 1000 ? millis + "ms" : String.format("%.1fs", millis / 1000.0);
    }
}
