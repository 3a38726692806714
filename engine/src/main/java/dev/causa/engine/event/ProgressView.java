package dev.causa.engine.event;

import dev.causa.api.Progress;

/**
 * A progress report with what the engine derives from it: the contextual message, the fraction done, the rate
 * (units per second over this run), the ETA and the elapsed time.
 */
public record ProgressView(Progress progress, String message, double fraction, double rate, long etaMillis,
                           long elapsedMillis) {

    public static ProgressView of(Progress progress, String message, long elapsedMillis) {
        double fraction = progress.fraction();
        double seconds = elapsedMillis / 1000.0;
        double rate = seconds > 0 && progress.completed() > 0 ? progress.completed() / seconds : 0;
        long eta = -1;
        if (rate > 0 && progress.total() >= progress.completed()) {
            eta = Math.round((progress.total() - progress.completed()) / rate * 1000);
        }
        return new ProgressView(progress, message, fraction, rate, eta, elapsedMillis);
    }

    public double percentage() {
        return fraction < 0 ? -1 : Math.round(fraction * 1000) / 10.0;
    }
}
