package dev.causa.plugins.files;

import org.pf4j.Extension;

/** Job type {@code file_copy}. */
@Extension
public class CopyJob extends TransferJob {

    static final String TYPE = "file_copy";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    String verb() {
        return "Copying";
    }

    @Override
    String pastTense() {
        return "Copied";
    }

    @Override
    boolean removesSource() {
        return false;
    }
}
