package dev.causa.plugins.files;

import dev.causa.api.ActionContext;
import dev.causa.api.Job;
import dev.causa.api.JobContext;
import dev.causa.api.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.pf4j.Extension;

/**
 * Job type {@code file_delete}: deletes deepest entries first. Deleting is idempotent, so a resumed run simply
 * walks what is left; the checkpoint keeps the count for progress.
 */
@Extension
public class DeleteJob implements Job<DeletePayload> {

    static final String TYPE = "file_delete";

    /** How many entries earlier runs deleted. */
    public record DeleteCheckpoint(int deleted) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<DeletePayload> payloadType() {
        return DeletePayload.class;
    }

    @Override
    public String title(DeletePayload payload, ActionContext action) {
        return payload.paths().size() == 1 ? payload.paths().getFirst() : payload.paths().size() + " paths";
    }

    @Override
    public void run(DeletePayload payload, JobContext ctx) throws Exception {
        ctx.progress(Progress.of("Discovery", 0, -1));
        List<Path> entries = new ArrayList<>();
        for (String text : payload.paths()) {
            Path root = Path.of(text).toAbsolutePath().normalize();
            if (!Files.exists(root)) continue;
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(entries::add);
            }
        }
        int deleted = ctx.restore(DeleteCheckpoint.class).map(DeleteCheckpoint::deleted).orElse(0);
        int total = deleted + entries.size();
        for (Path path : entries) {
            try {
                Files.delete(path);
            } catch (NoSuchFileException gone) {
                // already gone
            } catch (IOException e) {
                throw new IOException("cannot delete " + path + ": " + e.getMessage(), e);
            }
            deleted++;
            ctx.progress(Progress.of("Deleting", deleted, total).withCurrentPath(path.toString()));
            if (deleted % 100 == 0) ctx.checkpoint(new DeleteCheckpoint(deleted));
            ctx.pausePoint();
        }
        ctx.checkpoint(new DeleteCheckpoint(deleted));
    }
}
