package dev.causa.api;

/**
 * A progress report. Counts are in the job's own units (files, entries); {@code -1} means unknown. The engine adds
 * percentage, rate, ETA and elapsed time, and builds the message from the action context when {@code message} is
 * null.
 *
 * @param phase          the current phase, e.g. {@code Discovery}, {@code Processing}, {@code Finalizing}
 * @param message        an explicit message, or null for the engine's contextual one
 * @param completed      units done
 * @param total          units in all, or -1
 * @param bytesCompleted bytes done, or -1
 * @param totalBytes     bytes in all, or -1
 * @param currentPath    what is being worked on, or null
 * @param errorCount     errors so far (skipped items)
 * @param warningCount   warnings so far
 */
public record Progress(String phase, String message, long completed, long total, long bytesCompleted,
                       long totalBytes, String currentPath, int errorCount, int warningCount) {

    /** Progress in a phase with counts. */
    public static Progress of(String phase, long completed, long total) {
        return new Progress(phase, null, completed, total, -1, -1, null, 0, 0);
    }

    /** The same progress with byte counts. */
    public Progress withBytes(long bytesDone, long bytesTotal) {
        return new Progress(phase, message, completed, total, bytesDone, bytesTotal, currentPath, errorCount,
                warningCount);
    }

    /** The same progress naming what is being worked on. */
    public Progress withCurrentPath(String path) {
        return new Progress(phase, message, completed, total, bytesCompleted, totalBytes, path, errorCount,
                warningCount);
    }

    /** The same progress with error and warning counts. */
    public Progress withIssues(int errors, int warnings) {
        return new Progress(phase, message, completed, total, bytesCompleted, totalBytes, currentPath, errors,
                warnings);
    }

    /** The same progress with an explicit message instead of the contextual one. */
    public Progress withMessage(String text) {
        return new Progress(phase, text, completed, total, bytesCompleted, totalBytes, currentPath, errorCount,
                warningCount);
    }

    /** Fraction done in [0, 1], by bytes when known, else by units; -1 if unknown. */
    public double fraction() {
        if (totalBytes > 0 && bytesCompleted >= 0) return Math.min(1.0, (double) bytesCompleted / totalBytes);
        if (total > 0 && completed >= 0) return Math.min(1.0, (double) completed / total);
        return -1;
    }
}
