package dev.causa.plugins.files;

import dev.causa.api.Action;
import dev.causa.api.ActionScope;
import dev.causa.api.InvalidInputException;
import org.pf4j.Extension;

/** {@code files.move}: moves files and directory trees into a destination directory. */
@Extension
public class MoveFilesAction implements Action<TransferInput> {

    static final String TYPE = "files.move";

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
        return "Move files and directories into a destination directory";
    }

    @Override
    public void validate(TransferInput input) throws InvalidInputException {
        CopyFilesAction.validateTransfer(input);
    }

    @Override
    public void execute(TransferInput input, ActionScope scope) {
        scope.dispatch(MoveJob.TYPE, TransferPayload.of(input));
    }
}
