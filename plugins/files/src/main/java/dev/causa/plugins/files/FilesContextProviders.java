package dev.causa.plugins.files;

import dev.causa.api.ActionContextProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.Extension;

/** The action-specific context of the files actions. */
public final class FilesContextProviders {

    private FilesContextProviders() {
    }

    /** {@code {"operation": ..., "conflict_resolution": "skip", "source_count": n, "destination": ...}} */
    abstract static class Transfer implements ActionContextProvider<TransferInput> {

        abstract String operation();

        @Override
        public Map<String, Object> context(TransferInput input, Map<String, Object> produced) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("operation", operation());
            context.put("conflict_resolution", input.conflict().name().toLowerCase());
            context.put("source_count", input.sources().size());
            context.put("destination", input.destination());
            return context;
        }
    }

    /** For {@code files.copy}: operation {@code copy_files}. */
    @Extension
    public static class Copy extends Transfer {
        @Override
        public String actionType() {
            return CopyFilesAction.TYPE;
        }

        @Override
        String operation() {
            return "copy_files";
        }
    }

    /** For {@code files.move}: operation {@code move_files}. */
    @Extension
    public static class Move extends Transfer {
        @Override
        public String actionType() {
            return MoveFilesAction.TYPE;
        }

        @Override
        String operation() {
            return "move_files";
        }
    }

    /** {@code {"operation": "delete_files", "path_count": n}} */
    @Extension
    public static class Delete implements ActionContextProvider<DeleteInput> {
        @Override
        public String actionType() {
            return DeleteFilesAction.TYPE;
        }

        @Override
        public Map<String, Object> context(DeleteInput input, Map<String, Object> produced) {
            return Map.of("operation", "delete_files", "path_count", input.paths().size());
        }
    }
}
