package dev.causa.engine.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.causa.api.Progress;
import dev.causa.engine.json.Json;

/**
 * A job's progress report as JSON: the fields of {@link Progress}, snake_case. A job view shows all of them; an
 * event's {@code metadata} shows the counts under the same names (DESIGN §6).
 */
public final class ProgressJson {

    public static final String PHASE = "phase";
    public static final String MESSAGE = "message";
    public static final String COMPLETED = "completed";
    public static final String TOTAL = "total";
    public static final String BYTES_COMPLETED = "bytes_completed";
    public static final String TOTAL_BYTES = "total_bytes";
    public static final String CURRENT_PATH = "current_path";
    public static final String ERROR_COUNT = "error_count";
    public static final String WARNING_COUNT = "warning_count";

    private ProgressJson() {
    }

    /** Every field of the report, or a JSON null before the first report. */
    public static JsonNode json(Progress progress) {
        if (progress == null) return NullNode.getInstance();
        ObjectNode json = Json.object();
        json.put(PHASE, progress.phase());
        json.put(MESSAGE, progress.message());
        json.put(COMPLETED, progress.completed());
        json.put(TOTAL, progress.total());
        json.put(BYTES_COMPLETED, progress.bytesCompleted());
        json.put(TOTAL_BYTES, progress.totalBytes());
        json.put(CURRENT_PATH, progress.currentPath());
        json.put(ERROR_COUNT, progress.errorCount());
        json.put(WARNING_COUNT, progress.warningCount());
        return json;
    }
}
