package dev.causa.plugins.files;

import dev.causa.api.RetryPolicy;
import java.time.Duration;
import org.pf4j.Extension;

/** {@code files.copy}: copies files and directory trees into a destination directory; retried on failure. */
@Extension
public class CopyFilesAction extends TransferAction {

    static final String TYPE = "files.copy";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    String jobType() {
        return CopyJob.TYPE;
    }

    @Override
    public String description() {
        return "Copy files and directories into a destination directory";
    }

    @Override
    public RetryPolicy retryPolicy() {
        return RetryPolicy.exponential(3, Duration.ofSeconds(1));
    }
}
