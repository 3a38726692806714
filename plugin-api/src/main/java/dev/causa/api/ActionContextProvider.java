package dev.causa.api;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Builds the action-specific part of an {@link ActionContext}, e.g.
 * {@code {"location_id": "550e...", "operation": "add_location"}}. A plugin contributes one per action type
 * (with {@code @Extension}). The engine adds the common fields and redacts secrets, so no action can forget them.
 *
 * @param <I> the action's input record
 */
public interface ActionContextProvider<I extends Record> extends ExtensionPoint {

    /** The action type this provider describes. */
    String actionType();

    /**
     * @param input    the bound, validated input
     * @param produced what the action reported through {@link ActionScope#produced}
     * @return JSON-like values only (String, Number, Boolean, List, Map, null)
     */
    Map<String, Object> context(I input, Map<String, Object> produced);
}
