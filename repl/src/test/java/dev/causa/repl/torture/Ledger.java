package dev.causa.repl.torture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link LedgerJob}'s ledger and judges it: steps ran in order within each run; a run started no earlier
 * than the last committed checkpoint (so no step ran twice after its checkpoint was committed); and in the end
 * every step ran and the last run finished.
 */
final class Ledger {

    /** What the ledger says about the job's runs. */
    record Verdict(List<String> problems, int runs, int redoneSteps, int spawns, int failures) {
    }

    private Ledger() {
    }

    static Verdict judge(Path file, int steps) throws IOException {
        List<String> problems = new ArrayList<>();
        if (!Files.exists(file)) return new Verdict(List.of("no ledger " + file.getFileName()), 0, 0, 0, 0);
        int durable = 0;
        int current = -1;
        int runs = 0;
        int redone = 0;
        int spawns = 0;
        int failures = 0;
        boolean finished = false;
        boolean[] done = new boolean[steps];
        for (String line : Files.readAllLines(file)) {
            String[] w = line.split(" ");
            switch (w[0]) {
                case "run" -> {
                    int from = Integer.parseInt(w[2]);
                    runs++;
                    finished = false;
                    if (from < durable) {
                        problems.add("run " + runs + " started at step " + from + " although the checkpoint at "
                                + durable + " was committed");
                    }
                    current = from;
                }
                case "step" -> {
                    int i = Integer.parseInt(w[1]);
                    if (i != current) problems.add("step " + i + " ran out of order (expected " + current + ")");
                    if (i < durable) problems.add("step " + i + " completed again after its checkpoint was committed");
                    if (i >= 0 && i < steps) {
                        if (done[i]) redone++;
                        done[i] = true;
                    }
                    current = i + 1;
                }
                case "durable" -> durable = Math.max(durable, Integer.parseInt(w[1]));
                case "spawn" -> spawns++;
                case "fail" -> failures++;
                case "done" -> {
                    if (current != steps) problems.add("finished at step " + current + " of " + steps);
                    finished = true;
                }
                default -> problems.add("unreadable ledger line '" + line + "'");
            }
        }
        for (int i = 0; i < steps; i++) {
            if (!done[i]) problems.add("step " + i + " never ran");
        }
        if (!finished) problems.add("the last run did not finish");
        return new Verdict(problems, runs, redone, spawns, failures);
    }
}
