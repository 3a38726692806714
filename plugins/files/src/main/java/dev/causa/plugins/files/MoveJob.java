package dev.causa.plugins.files;

import org.pf4j.Extension;

/** Job type {@code file_move}. */
@Extension
public class MoveJob extends TransferJob {

    static final String TYPE = "file_move";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    String verb() {
        return "Moving";
    }

    @Override
    String pastTense() {
        return "Moved";
    }

    @Override
    boolean removesSource() {
        return true;
    }
}
