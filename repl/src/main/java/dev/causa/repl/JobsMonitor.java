package dev.causa.repl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.causa.engine.event.CausaEvent;
import dev.causa.engine.event.Events;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Watches every job of the REPL's engine: keeps a live status of the running ones (message, percent, rate, ETA)
 * and announces the ones that end. Jobs that a command follows in the foreground are left to that command,
 * which shows them itself. Runs on the event thread.
 */
final class JobsMonitor implements java.util.function.Consumer<CausaEvent>, Session.Foreground {

    /** Where the monitor shows things: a terminal's status line and notices above the prompt, or plain lines. */
    interface Screen {
        void status(List<String> lines);

        void notice(String line, String state);
    }

    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long FOLLOW_GRACE_NANOS = 500_000_000L;

    private final Screen screen;
    private final int maxLines;
    private final Map<String, CausaEvent> running = new LinkedHashMap<>();
    private final List<Following> followed = new CopyOnWriteArrayList<>();
    private long lastDraw;
    private boolean shown;

    /** @param maxLines how many running jobs get a line of their own; the last line counts the rest */
    JobsMonitor(Screen screen, int maxLines) {
        this.screen = screen;
        this.maxLines = maxLines;
    }

    private static final class Following {
        final Predicate<CausaEvent> follows;
        volatile long endedAt = Long.MAX_VALUE;

        Following(Predicate<CausaEvent> follows) {
            this.follows = follows;
        }
    }

    @Override
    public AutoCloseable following(Predicate<CausaEvent> follows) {
        Following f = new Following(follows);
        followed.add(f);
        // the last events of a followed job may arrive just after the command stopped waiting
        return () -> f.endedAt = System.nanoTime();
    }

    private boolean isFollowed(CausaEvent event) {
        long now = System.nanoTime();
        followed.removeIf(f -> f.endedAt != Long.MAX_VALUE && now - f.endedAt > FOLLOW_GRACE_NANOS);
        for (Following f : followed) {
            if (f.follows.test(event)) return true;
        }
        return false;
    }

    @Override
    public synchronized void accept(CausaEvent event) {
        if (!event.name().startsWith("job.")) return;
        String id = event.jobId();
        boolean ended = event.isFinal() || event.name().equals(Events.JOB_PAUSED);
        if (isFollowed(event)) {
            if (running.remove(id) != null) draw(true);
            return;
        }
        if (ended) {
            running.remove(id);
            screen.notice(notice(event), event.json().path("state").asText());
            draw(true);
        } else if (!event.name().equals(Events.JOB_QUEUED)) {
            running.put(id, event);
            draw(false);
        }
    }

    private void draw(boolean now) {
        long t = System.nanoTime();
        if (!now && t - lastDraw < REDRAW_NANOS) return;
        lastDraw = t;
        if (running.isEmpty()) {
            if (shown) screen.status(List.of());
            shown = false;
            return;
        }
        List<String> lines = new ArrayList<>();
        Iterator<CausaEvent> jobs = running.values().iterator();
        for (int i = 0; i < maxLines && jobs.hasNext(); i++) lines.add(line(jobs.next()));
        if (running.size() > maxLines) {
            lines.set(maxLines - 1, lines.get(maxLines - 1) + "  (+" + (running.size() - maxLines) + " more running)");
        }
        screen.status(lines);
        shown = true;
    }

    /** One running job: {@code files.copy 42.0% Copying files to /b (12/40)  8.0/s  ETA 3s}. */
    static String line(CausaEvent event) {
        JsonNode json = event.json();
        JsonNode meta = json.path("metadata");
        StringBuilder line = new StringBuilder();
        String action = meta.path("action_context").path("action_type").asText("");
        line.append(action.isEmpty() ? json.path("job_type").asText() : action).append(' ');
        double fraction = json.path("progress").asDouble(-1);
        if (json.hasNonNull("progress") && fraction >= 0) line.append(String.format("%5.1f%% ", fraction * 100));
        line.append(event.message() == null ? json.path("state").asText() : event.message());
        double rate = meta.path("rate").asDouble(0);
        if (rate > 0) line.append(String.format("  %.1f/s", rate));
        long eta = meta.path("eta_ms").asLong(-1);
        if (eta >= 0) line.append("  ETA ").append(eta < 1000 ? eta + "ms" : (eta / 1000) + "s");
        return line.toString();
    }

    private static String notice(CausaEvent event) {
        JsonNode json = event.json();
        String action = json.path("metadata").path("action_context").path("action_type").asText("");
        String text = "job " + event.jobId() + " " + (action.isEmpty() ? json.path("job_type").asText() : action)
                + " " + json.path("state").asText();
        String detail = event.name().equals(Events.JOB_FAILED) ? json.path("error").asText("")
                : json.path("message").asText("");
        return detail.isEmpty() ? text : text + ": " + detail;
    }
}
