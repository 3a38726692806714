package dev.causa.bench.workload;

import dev.causa.api.ActionContextProvider;
import java.util.Map;

/** A context provider of typical size (two keys), so every benchmark job carries a realistic ActionContext. */
public final class BatchContext implements ActionContextProvider<DispatchAction.Input> {

    private final String actionType;

    public BatchContext(String actionType) {
        this.actionType = actionType;
    }

    @Override
    public String actionType() {
        return actionType;
    }

    @Override
    public Map<String, Object> context(DispatchAction.Input input, Map<String, Object> produced) {
        return Map.of("operation", "benchmark", "batch_size", produced.getOrDefault("batch", input.count()));
    }
}
