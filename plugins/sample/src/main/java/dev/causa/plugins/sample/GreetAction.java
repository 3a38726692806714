package dev.causa.plugins.sample;

import dev.causa.api.Action;
import dev.causa.api.ActionContextProvider;
import dev.causa.api.ActionScope;
import dev.causa.api.InvalidInputException;
import java.util.Map;
import org.pf4j.Extension;

/** {@code sample.greet}: dispatches one {@code sample_greeting} job. */
@Extension
public class GreetAction implements Action<GreetInput> {

    static final String TYPE = "sample.greet";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<GreetInput> inputType() {
        return GreetInput.class;
    }

    @Override
    public String description() {
        return "Write greetings into the plugin's data folder";
    }

    @Override
    public void validate(GreetInput input) throws InvalidInputException {
        if (input.name() == null || input.name().isBlank()) throw new InvalidInputException("name is required");
        if (input.count() < 1 || input.count() > 1000) throw new InvalidInputException("count must be 1..1000");
    }

    @Override
    public void execute(GreetInput input, ActionScope scope) {
        scope.produced("greeting_file", scope.dataDirectory().resolve(scope.actionId() + ".txt").toString());
        scope.dispatch(GreetJob.TYPE, new GreetJob.Payload(input.name(), input.count(),
                scope.dataDirectory().resolve(scope.actionId() + ".txt").toString()));
    }

    /** {@code {"operation": "greet", "greeting_for": name, "greeting_file": path}} */
    @Extension
    public static class Context implements ActionContextProvider<GreetInput> {
        @Override
        public String actionType() {
            return TYPE;
        }

        @Override
        public Map<String, Object> context(GreetInput input, Map<String, Object> produced) {
            return Map.of("operation", "greet", "greeting_for", input.name(),
                    "greeting_file", String.valueOf(produced.get("greeting_file")));
        }
    }
}
