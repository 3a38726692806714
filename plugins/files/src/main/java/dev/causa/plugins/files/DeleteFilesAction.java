package dev.causa.plugins.files;

import dev.causa.api.Action;
import dev.causa.api.ActionScope;
import dev.causa.api.InvalidInputException;
import org.pf4j.Extension;

/** {@code files.delete}: deletes files and directory trees. */
@Extension
public class DeleteFilesAction implements Action<DeleteInput> {

    static final String TYPE = "files.delete";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<DeleteInput> inputType() {
        return DeleteInput.class;
    }

    @Override
    public String description() {
        return "Delete files and directories, with everything in them";
    }

    @Override
    public void validate(DeleteInput input) throws InvalidInputException {
        PathChecks.requireExisting("paths", input.paths());
    }

    @Override
    public void execute(DeleteInput input, ActionScope scope) {
        scope.dispatch(DeleteJob.TYPE, new DeletePayload(input.paths()));
    }
}
