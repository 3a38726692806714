package dev.causa.plugins.sample;

import dev.causa.api.Action;
import dev.causa.api.ActionContextProvider;
import dev.causa.api.ActionScope;
import dev.causa.api.InvalidInputException;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code sample.batch}: dispatches {@code jobs} {@code sample_step} jobs of {@code steps} steps each; every job keeps
 * a ledger of its runs in {@code ledgers} (if given), so a test can tell that each ran to its end exactly once.
 */
@Extension
public class BatchAction implements Action<BatchAction.Input> {

    static final String TYPE = "sample.batch";

    /** The input: how many jobs, how many steps each and how long a step takes, and where the ledgers go. */
    public record Input(String name, Integer jobs, Integer steps, Integer stepMillis, String ledgers) {
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
    public String description() {
        return "Dispatch a batch of step jobs (for tests of many jobs and many nodes)";
    }

    @Override
    public void validate(Input input) throws InvalidInputException {
        if (input.name() == null || input.name().isBlank()) throw new InvalidInputException("name is required");
        if (input.jobs() != null && (input.jobs() < 1 || input.jobs() > 100_000)) {
            throw new InvalidInputException("jobs must be 1..100000");
        }
    }

    @Override
    public void execute(Input input, ActionScope scope) {
        int jobs = input.jobs() == null ? 1 : input.jobs();
        for (int i = 0; i < jobs; i++) {
            scope.dispatch(StepJob.TYPE, new StepJob.Payload(input.name(), i, input.steps() == null ? 1 : input.steps(),
                    input.stepMillis() == null ? 0 : input.stepMillis(), input.ledgers()));
        }
    }

    /** {@code {"operation": "batch", "batch": name}} */
    @Extension
    public static class Context implements ActionContextProvider<Input> {
        @Override
        public String actionType() {
            return TYPE;
        }

        @Override
        public Map<String, Object> context(Input input, Map<String, Object> produced) {
            return Map.of("operation", "batch", "batch", input.name());
        }
    }
}
