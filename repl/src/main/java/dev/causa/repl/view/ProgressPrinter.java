package dev.causa.repl.view;

import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.event.Events;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Shows live progress of the jobs a command waits for. On a terminal: one line per job, redrawn in place with a
 * bar, percentage, rate and ETA. Elsewhere: a plain line when a job starts, changes phase, or ends, so logs stay
 * readable.
 */
public final class ProgressPrinter implements java.util.function.Consumer<CausaEvent> {

    private static final int BAR = 24;

    private final PrintWriter out;
    private final boolean ansi;
    private final Predicate<CausaEvent> follows;
    private final Map<String, String> lastPhase = new LinkedHashMap<>();
    private boolean lineOpen;

    public ProgressPrinter(PrintWriter out, boolean ansi, Predicate<CausaEvent> follows) {
        this.out = out;
        this.ansi = ansi;
        this.follows = follows;
    }

    /** Follows the jobs of these action runs (children included) and these jobs. */
    public static Predicate<CausaEvent> of(Set<String> actionIds, Set<String> jobIds) {
        return e -> (e.actionId() != null && actionIds.contains(e.actionId()))
                || (e.jobId() != null && jobIds.contains(e.jobId()));
    }

    @Override
    public synchronized void accept(CausaEvent event) {
        if (!event.name().startsWith("job.") || !follows.test(event)) return;
        String id = event.jobId();
        if (event.name().equals(Events.JOB_PROGRESS)) {
            if (ansi) {
                redraw(progressLine(event));
            } else {
                String phase = event.json().path("metadata").path("phase").asText("");
                if (!phase.equals(lastPhase.put(id, phase))) out.println("  " + event.message());
            }
        } else {
            endLine();
            out.println(stateLine(event));
        }
        out.flush();
    }

    private String progressLine(CausaEvent event) {
        var meta = event.json().path("metadata");
        double fraction = event.json().path("progress").asDouble(-1);
        StringBuilder line = new StringBuilder("  ");
        if (fraction >= 0) {
            int filled = (int) Math.round(fraction * BAR);
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ")
                    .append(String.format("%5.1f%% ", fraction * 100));
        }
        line.append(event.message());
        double rate = meta.path("rate").asDouble(0);
        if (rate > 0) line.append(String.format("  %.1f/s", rate));
        long eta = meta.path("eta_ms").asLong(-1);
        if (eta >= 0) line.append("  ETA ").append(eta < 1000 ? eta + "ms" : (eta / 1000) + "s");
        return line.toString();
    }

    private String stateLine(CausaEvent event) {
        var json = event.json();
        String state = json.path("state").asText();
        String text = "  job " + event.jobId() + " " + json.path("job_type").asText() + " " + state;
        String detail = event.name().equals(Events.JOB_FAILED) ? json.path("error").asText("")
                : json.path("message").asText("");
        if (!detail.isEmpty()) text += ": " + detail;
        if (!ansi) return text;
        String colour = switch (state) {
            case "completed" -> Style.GREEN;
            case "failed" -> Style.RED;
            case "paused", "cancelled" -> Style.YELLOW;
            default -> Style.DIM;
        };
        return colour + text + Style.RESET;
    }

    private void redraw(String line) {
        out.print("\r\u001b[2K" + line);
        lineOpen = true;
    }

    /** Ends an open progress line, so what follows starts on a fresh line. */
    public synchronized void endLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
        out.flush();
    }
}
