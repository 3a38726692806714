package dev.causa.plugins.indexer;

import dev.causa.api.ActionContextProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.Extension;

/** The action-specific context of the indexer's actions. */
public final class IndexerContextProviders {

    private IndexerContextProviders() {
    }

    /** {@code {"location_id": "...", "operation": "add_location"}} */
    @Extension
    public static class AddLocation implements ActionContextProvider<AddLocationInput> {
        @Override
        public String actionType() {
            return AddLocationAction.TYPE;
        }

        @Override
        public Map<String, Object> context(AddLocationInput input, Map<String, Object> produced) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("location_id", produced.get("location_id"));
            context.put("operation", "add_location");
            return context;
        }
    }

    /** {@code {"operation": "manual_scan", "trigger": "cli"}}: the trigger is the kind of initiator. */
    @Extension
    public static class Scan implements ActionContextProvider<ScanInput> {
        @Override
        public String actionType() {
            return ScanAction.TYPE;
        }

        @Override
        public Map<String, Object> context(ScanInput input, Map<String, Object> produced) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("operation", "manual_scan");
            context.put("trigger", produced.getOrDefault("trigger", "manual"));
            context.put("path_count", input.paths().size());
            return context;
        }
    }

    /** {@code {"operation": "list_locations", "count": n, "locations": [...]}} */
    @Extension
    public static class ListLocations implements ActionContextProvider<ListLocationsInput> {
        @Override
        public String actionType() {
            return ListLocationsAction.TYPE;
        }

        @Override
        public Map<String, Object> context(ListLocationsInput input, Map<String, Object> produced) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("operation", "list_locations");
            Object locations = produced.getOrDefault("locations", java.util.List.of());
            context.put("count", locations instanceof java.util.List<?> l ? l.size() : 0);
            context.put("locations", locations);
            return context;
        }
    }
}
