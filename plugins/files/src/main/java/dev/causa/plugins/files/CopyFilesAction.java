package dev.causa.plugins.files;

import dev.causa.api.Action;
import dev.causa.api.ActionScope;
import dev.causa.api.InvalidInputException;
import dev.causa.api.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.pf4j.Extension;

/** {@code files.copy}: copies files and directory trees into a destination directory. */
@Extension
public class CopyFilesAction implements Action<TransferInput> {

    static final String TYPE = "files.copy";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<TransferInput> inputType() {
        return TransferInput.class;
    }

    @Override
    public String description() {
        return "Copy files and directories into a destination directory";
    }

    @Override
    public void validate(TransferInput input) throws InvalidInputException {
        validateTransfer(input);
    }

    static void validateTransfer(TransferInput input) throws InvalidInputException {
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
        scope.dispatch(CopyJob.TYPE, TransferPayload.of(input));
    }

    @Override
    public RetryPolicy retryPolicy() {
        return RetryPolicy.exponential(3, Duration.ofSeconds(1));
    }
}
