package dev.causa.plugins.files;

import dev.causa.api.ActionContextProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.Extension;

/** The action-specific context of the files actions. */
public final class FilesContextProviders {

    private FilesContextProviders() {
    }

    static Map<String, Object> transfer(String operation, TransferInput input) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("operation", operation);
        context.put("conflict_resolution", input.conflict().name().toLowerCase());
        context.put("source_count", input.sources().size());
        context.put("destination", input.destination());
        return context;
    }

    /** {@code {"operation": "copy_files", "conflict_resolution": "skip", ...}} */
    @Extension
    public static class Copy implements ActionContextProvider<TransferInput> {
        @Override
        public String actionType() {
            return CopyFilesAction.TYPE;
        }

        @Override
        public Map<String, Object> context(TransferInput input, Map<String, Object> produced) {
            return transfer("copy_files", input);
        }
    }

    /** {@code {"operation": "move_files", ...}} */
    @Extension
    public static class Move implements ActionContextProvider<TransferInput> {
        @Override
        public String actionType() {
            return MoveFilesAction.TYPE;
        }

        @Override
        public Map<String, Object> context(TransferInput input, Map<String, Object> produced) {
            return transfer("move_files", input);
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
