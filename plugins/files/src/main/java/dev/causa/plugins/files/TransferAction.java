package dev.causa.plugins.files;

import dev.causa.api.Action;
import dev.causa.api.ActionScope;
import dev.causa.api.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What {@code files.copy} and {@code files.move} share: the input, its checks, and dispatching one transfer job. */
abstract class TransferAction implements Action<TransferInput> {

    /** The job type this action dispatches. */
    abstract String jobType();

    @Override
    public Class<TransferInput> inputType() {
        return TransferInput.class;
    }

    @Override
    public void validate(TransferInput input) throws InvalidInputException {
        PathChecks.requireExisting("sources", input.sources());
        Path destination = PathChecks.parse("destination", input.destination());
        if (Files.exists(destination) && !Files.isDirectory(destination)) {
            throw new InvalidInputException("destination is a file, not a directory: " + destination);
        }
        for (String source : input.sources()) {
            Path src = PathChecks.parse("sources", source);
            if (Files.isDirectory(src) && destination.startsWith(src)) {
                throw new InvalidInputException("destination " + destination + " lies inside source " + src);
            }
        }
    }

    @Override
    public void execute(TransferInput input, ActionScope scope) {
        scope.dispatch(jobType(), TransferPayload.of(input));
    }
}
