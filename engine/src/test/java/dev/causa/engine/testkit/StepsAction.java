package dev.causa.engine.testkit;

import dev.causa.api.Action;
import dev.causa.api.ActionContextProvider;
import dev.causa.api.ActionScope;
import dev.causa.api.InvalidInputException;
import dev.causa.api.RetryPolicy;
import dev.causa.api.Sensitive;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Action {@code test.steps}: dispatches {@code jobs} steps jobs. */
public final class StepsAction implements Action<StepsAction.Input> {

    public static final String TYPE = "test.steps";

    /** The input: the password and token are secrets, the first by annotation, the second by name. */
    public record Input(String name, Integer jobs, int steps, Integer holdBefore, String failWith,
                        Integer failAttempts, @Sensitive String passphrase, String apiToken, Boolean logSecret) {
    }

    private final RetryPolicy retry;

    public StepsAction(RetryPolicy retry) {
        this.retry = retry;
    }

    public StepsAction() {
        this(RetryPolicy.exponential(3, Duration.ofMillis(50)));
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
        if (input.name() == null || input.name().isBlank()) throw new InvalidInputException("name is required");
        if (input.steps() < 0) throw new InvalidInputException("steps must not be negative");
    }

    @Override
    public void execute(Input input, ActionScope scope) {
        scope.produced("batch", "b-" + input.name());
        int jobs = input.jobs() == null ? 1 : input.jobs();
        for (int i = 0; i < jobs; i++) {
            String secret = Boolean.TRUE.equals(input.logSecret()) ? input.passphrase() : null;
            scope.dispatch(StepsJob.TYPE, new StepsJob.Payload(input.steps(),
                    input.holdBefore() == null ? -1 : input.holdBefore(), input.failWith(),
                    input.failAttempts() == null ? 0 : input.failAttempts(), secret));
        }
    }

    @Override
    public RetryPolicy retryPolicy() {
        return retry;
    }

    /** The context: {@code {"operation": "stepping", "name": ..., "batch": ...}}. */
    public static final class Context implements ActionContextProvider<Input> {
        @Override
        public String actionType() {
            return TYPE;
        }

        @Override
        public Map<String, Object> context(Input input, Map<String, Object> produced) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("operation", "stepping");
            context.put("name", input.name());
            context.put("batch", produced.get("batch"));
            return context;
        }
    }
}
