package dev.causa.bench.workload;

import dev.causa.api.Action;
import dev.causa.api.ActionScope;
import dev.causa.api.InvalidInputException;

/**
 * An action that dispatches {@code count} jobs of one type. With count 1 it is the "one action per job" shape,
 * with count N the "one action, N jobs" shape.
 */
public final class DispatchAction implements Action<DispatchAction.Input> {

    /** @param count how many jobs to dispatch */
    public record Input(int count) {
    }

    private final String type;
    private final String jobType;

    public DispatchAction(String type, String jobType) {
        this.type = type;
        this.jobType = jobType;
    }

    public static String input(int count) {
        return "{\"count\":" + count + "}";
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public void validate(Input input) throws InvalidInputException {
        if (input.count() < 1) throw new InvalidInputException("count must be at least 1");
    }

    @Override
    public void execute(Input input, ActionScope scope) {
        scope.produced("batch", input.count());
        for (int i = 0; i < input.count(); i++) scope.dispatch(jobType, new NoOpJob.Payload(i));
    }
}
