package dev.causa.server;

import dev.causa.api.Action;
import dev.causa.api.ActionContextProvider;
import dev.causa.api.ActionScope;
import dev.causa.api.InvalidInputException;
import dev.causa.api.Sensitive;
import java.util.LinkedHashMap;
import java.util.Map;

/** Action {@code test.tick}: dispatches {@code jobs} tick jobs of {@code steps} steps; has two secrets. */
public final class TickAction implements Action<TickAction.Input> {

    public static final String TYPE = "test.tick";

    /** {@code password} is secret by annotation, {@code api_token} by name. */
    public record Input(String name, Integer jobs, int steps, Integer stepMillis, @Sensitive String password,
                        String apiToken) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Ticks for a while";
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
        int jobs = input.jobs() == null ? 1 : input.jobs();
        for (int i = 0; i < jobs; i++) {
            scope.dispatch(TickJob.TYPE, new TickJob.Payload(input.steps(),
                    input.stepMillis() == null ? 0 : input.stepMillis()));
        }
    }

    /** Context {@code {"operation": "ticking", "name": ...}}. */
    public static final class Context implements ActionContextProvider<Input> {
        @Override
        public String actionType() {
            return TYPE;
        }

        @Override
        public Map<String, Object> context(Input input, Map<String, Object> produced) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("operation", "ticking");
            context.put("name", input.name());
            return context;
        }
    }
}
