package dev.causa.plugins.files;

import org.pf4j.Extension;

/** {@code files.move}: moves files and directory trees into a destination directory. */
@Extension
public class MoveFilesAction extends TransferAction {

    static final String TYPE = "files.move";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    String jobType() {
        return MoveJob.TYPE;
    }

    @Override
    public String description() {
        return "Move files and directories into a destination directory";
    }
}
