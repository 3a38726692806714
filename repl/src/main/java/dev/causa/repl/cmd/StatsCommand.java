package dev.causa.repl.cmd;

import dev.causa.engine.view.StatsView;
import dev.causa.repl.view.Table;
import java.util.List;
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
        List<StatsView.Row> rows = StatsView.rows(causa().actionRuns(actionType, 0));
        if (output.json) return printJson(StatsView.json(rows));
        Table table = new Table("ACTION TYPE", "RUNS", "COMPLETED", "FAILED", "RUNNING", "SUCCESS", "P50", "P95");
        rows.forEach(r -> table.row(r.actionType(), r.runs(), r.completed(), r.failed(), r.running(),
                String.format("%.1f%%", r.successPercent()), ms(r.p50Millis()), ms(r.p95Millis())));
        if (table.isEmpty()) out().println("no action runs yet");
        else table.print(out(), ansi());
        return 0;
    }

    private static String ms(long millis) {
        return millis < 0 ? "-" : millis < 1000 ? millis + "ms" : String.format("%.1fs", millis / 1000.0);
    }
}
