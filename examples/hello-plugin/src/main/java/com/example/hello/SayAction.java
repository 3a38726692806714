package com.example.hello;

import dev.causa.api.Action;
import dev.causa.api.ActionContextProvider;
import dev.causa.api.ActionScope;
import dev.causa.api.InvalidInputException;
import java.util.Map;
import org.pf4j.Extension;

/** The action {@code hello.say}: checks its input, then dispatches one {@code hello_count} job. */
@Extension
public class SayAction implements Action<SayInput> {

    static final String TYPE = "hello.say";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<SayInput> inputType() {
        return SayInput.class;
    }

    @Override
    public String description() {
        return "Say hello, counting up with progress";
    }

    @Override
    public void validate(SayInput input) throws InvalidInputException {
        if (input.to() == null || input.to().isBlank()) throw new InvalidInputException("to is required");
        if (input.count() < 1) throw new InvalidInputException("count must be at least 1");
    }

    @Override
    public void execute(SayInput input, ActionScope scope) {
        // Anything produced here can go into the action context (see Context below).
        scope.produced("greeting", "hello, " + input.to());
        scope.dispatch(CountJob.TYPE, new CountJob.Payload(input.to(), input.count()));
    }

    /**
     * The action-specific context stored with every job of this action and shown in its events:
     * {@code {"operation": "say_hello", "greeting": "hello, world"}}. The engine adds who, when and the input.
     */
    @Extension
    public static class Context implements ActionContextProvider<SayInput> {
        @Override
        public String actionType() {
            return TYPE;
        }

        @Override
        public Map<String, Object> context(SayInput input, Map<String, Object> produced) {
            return Map.of("operation", "say_hello", "greeting", String.valueOf(produced.get("greeting")));
        }
    }
}
