package dev.causa.repl.torture;

import dev.causa.api.Action;
import dev.causa.api.ActionContextProvider;
import dev.causa.api.ActionScope;
import dev.causa.api.InvalidInputException;
import dev.causa.api.RetryPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Action {@code torture.ledger}: dispatches one {@link LedgerJob}; a failed job is retried automatically. */
public final class LedgerAction implements Action<LedgerAction.Input> {

    public static final String TYPE = "torture.ledger";

    /** The input, as the workload gives it. */
    public record Input(String name, int steps, int spawnAt, int childSteps, boolean failFirst, String ledgers) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public void validate(Input input) throws InvalidInputException {
        if (input.steps() < 1) throw new InvalidInputException("steps must be at least 1");
        if (input.ledgers() == null) throw new InvalidInputException("ledgers is required");
    }

    @Override
    public void execute(Input input, ActionScope scope) {
        scope.produced("batch", "torture-" + input.name());
        scope.dispatch(LedgerJob.TYPE, new LedgerJob.Payload(input.name(), input.steps(), input.spawnAt(),
                input.childSteps(), input.failFirst(), input.ledgers()));
    }

    @Override
    public RetryPolicy retryPolicy() {
        return RetryPolicy.exponential(3, Duration.ofMillis(100));
    }

    /** The context: {@code {"operation": "ledger", "name": ..., "batch": ...}}. */
    public static final class Context implements ActionContextProvider<Input> {
        @Override
        public String actionType() {
            return TYPE;
        }

        @Override
        public Map<String, Object> context(Input input, Map<String, Object> produced) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("operation", "ledger");
            context.put("name", input.name());
            context.put("batch", produced.get("batch"));
            return context;
        }
    }
}
