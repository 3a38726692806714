package dev.causa.plugins.files;

import dev.causa.api.ActionContext;
import dev.causa.api.Job;
import dev.causa.api.JobContext;
import dev.causa.api.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Copies (or moves) the entries of a {@link TransferPlan} one file at a time, reporting bytes as it goes and
 * checkpointing after every file, so that a pause or a crash continues with the next file. A file is written
 * under a temporary name and renamed into place, so a half-written file is never left under its real name.
 */
abstract class TransferJob implements Job<TransferPayload> {

    private static final int CHUNK = 1 << 20;

    /** The phase word of progress messages: "Copying", "Moving". */
    abstract String verb();

    /** The final message's verb: "Copied", "Moved". */
    abstract String pastTense();

    /** Whether the source goes away once it reached its target. */
    abstract boolean removesSource();

    @Override
    public Class<TransferPayload> payloadType() {
        return TransferPayload.class;
    }

    @Override
    public String title(TransferPayload payload, ActionContext action) {
        return "files to " + payload.destination();
    }

    @Override
    public void run(TransferPayload payload, JobContext ctx) throws Exception {
        ctx.progress(Progress.of("Discovery", 0, -1));
        TransferPlan plan = TransferPlan.of(payload, removesSource());
        TransferCheckpoint at = ctx.restore(TransferCheckpoint.class).orElse(TransferCheckpoint.START);
        // A copy's plan is the same on every run, so the checkpoint's index still names the next entry. A move has
        // taken what it moved out of the source: its plan is what is left, and only the counts carry over.
        int start = removesSource() ? 0 : at.nextIndex();
        Totals totals = removesSource() ? new Totals(at.filesDone() + plan.fileCount(), at.bytesDone() + plan.totalBytes())
                : new Totals(plan.fileCount(), plan.totalBytes());
        if (at.filesDone() > 0) ctx.log("continuing after " + at.filesDone() + " files, at entry " + start + " of "
                + plan.entries().size());
        Files.createDirectories(Path.of(payload.destination()));
        for (int i = start; i < plan.entries().size(); i++) {
            TransferPlan.Entry entry = plan.entries().get(i);
            int skipped = at.skipped();
            int errors = at.errors();
            long bytes = at.bytesDone();
            int files = at.filesDone();
            if (entry.directory()) {
                Files.createDirectories(entry.target());
            } else {
                Path target = resolveConflict(entry.target(), payload.conflict());
                if (target == null) {
                    skipped++;
                    ctx.log("skipped (exists): " + entry.target());
                } else {
                    long before = bytes;
                    transfer(entry, target, ctx, totals, files, before);
                }
                bytes += entry.size();
                files++;
            }
            at = new TransferCheckpoint(i + 1, files, bytes, skipped, errors);
            ctx.checkpoint(at);
            ctx.progress(progress(totals, at, entry.source()));
            ctx.pausePoint();
        }
        if (removesSource()) removeEmptySourceDirectories(plan);
        ctx.progress(progress(totals, at, null).withMessage(pastTense() + " " + at.filesDone() + " files ("
                + at.skipped() + " skipped) to " + payload.destination()));
    }

    /** How many files and bytes the whole job moves, across runs. */
    private record Totals(long files, long bytes) {
    }

    private Progress progress(Totals totals, TransferCheckpoint at, Path current) {
        return Progress.of(verb(), at.filesDone(), totals.files())
                .withBytes(at.bytesDone(), totals.bytes())
                .withCurrentPath(current == null ? null : current.toString())
                .withIssues(at.errors(), at.skipped());
    }

    /** The path to write, or null to skip. */
    private static Path resolveConflict(Path target, Conflict conflict) {
        if (!Files.exists(target)) return target;
        return switch (conflict) {
            case SKIP -> null;
            case OVERWRITE -> target;
            case RENAME -> renamed(target);
        };
    }

    private static Path renamed(Path target) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; ; n++) {
            Path candidate = target.resolveSibling(stem + " (" + n + ")" + ext);
            if (!Files.exists(candidate)) return candidate;
        }
    }

    private void transfer(TransferPlan.Entry entry, Path target, JobContext ctx, Totals totals, int filesDone,
                          long bytesBefore) throws IOException {
        Files.createDirectories(target.getParent());
        if (removesSource()) {
            try {
                Files.move(entry.source(), target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (IOException sameDiskMoveImpossible) {
                // Another file system: copy, then delete the source below.
            }
        }
        Path part = target.resolveSibling(target.getFileName() + ".causa-part");
        try (InputStream in = Files.newInputStream(entry.source());
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[CHUNK];
            long done = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                done += n;
                ctx.progress(Progress.of(verb(), filesDone, totals.files())
                        .withBytes(bytesBefore + done, totals.bytes())
                        .withCurrentPath(entry.source().toString()));
                if (ctx.stopRequested()) break;
            }
        }
        if (ctx.stopRequested()) {
            Files.deleteIfExists(part);
            ctx.pausePoint();
        }
        Files.setLastModifiedTime(part, Files.getLastModifiedTime(entry.source()));
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (removesSource()) Files.delete(entry.source());
    }

    private static void removeEmptySourceDirectories(TransferPlan plan) throws IOException {
        var dirs = plan.entries().stream().filter(TransferPlan.Entry::directory).map(TransferPlan.Entry::source)
                .sorted(java.util.Comparator.reverseOrder()).toList();
        for (Path dir : dirs) {
            try (var left = Files.list(dir)) {
                if (left.findAny().isEmpty()) Files.delete(dir);
            } catch (java.nio.file.NoSuchFileException gone) {
                // removed in an earlier run
            }
        }
    }
}
