package dev.causa.plugins.indexer;

import dev.causa.api.ActionContext;
import dev.causa.api.Job;
import dev.causa.api.JobContext;
import dev.causa.api.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pf4j.Extension;

/**
 * Job type {@code indexer}: indexes a location (or, as a child job, one top-level folder of a large one) in three
 * phases. <b>Discovery</b> walks the tree and writes the list of files. <b>Processing</b> reads each file's size
 * (and its SHA-256 in content mode) and appends one line per file to an entries file, checkpointing after every
 * batch with the entries file's length: a run after a pause or crash cuts the file back to that length and goes
 * on with the next batch, so every file is counted exactly once. <b>Finalizing</b> totals the entries into the
 * part's index.
 */
@Extension
public class IndexJob implements Job<IndexPayload> {

    static final String TYPE = "indexer";

    /** Where a run stands. {@code phase} is {@code Processing} once the file list is complete. */
    public record Checkpoint(String phase, int next, long entriesLength, int files, long totalBytes,
                             long bytesDone, int errors, List<String> children) {
    }

    /** One processed file, as a line of the entries file. */
    record Entry(String path, long size, String sha256) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<IndexPayload> payloadType() {
        return IndexPayload.class;
    }

    @Override
    public String title(IndexPayload payload, ActionContext action) {
        String name = action == null ? payload.name() : action.inputValue("name", payload.name());
        return name + " scan" + (payload.part().isEmpty() ? "" : " (" + payload.part() + ")");
    }

    @Override
    public void run(IndexPayload payload, JobContext ctx) throws Exception {
        IndexerData data = new IndexerData(Path.of(payload.dataDir()));
        Path list = data.work(ctx.jobId(), ".list");
        Path entries = data.work(ctx.jobId(), ".entries");
        Checkpoint at = ctx.restore(Checkpoint.class).orElse(null);
        if (at == null) {
            at = discover(payload, ctx, list, entries);
        } else {
            ctx.log("continuing at file " + at.next() + " of " + at.files());
        }
        List<String> files = readList(list);
        at = process(payload, ctx, files, entries, at);
        finish(payload, ctx, data, files.size(), entries, at);
        Files.deleteIfExists(list);
        Files.deleteIfExists(entries);
    }

    private Checkpoint discover(IndexPayload payload, JobContext ctx, Path list, Path entries) throws IOException {
        ctx.progress(Progress.of("Discovery", 0, -1));
        Path root = Path.of(payload.root());
        Discovery found = Discovery.walk(root, payload.mode(), payload.exclude());
        List<String> children = List.of();
        if (found.files().size() > payload.splitAbove() && !found.topFolders().isEmpty()) {
            // A crash before the checkpoint below spawns the children again on resume; harmless, as a part's index
            // is keyed by its folder and the later child simply writes it again.
            children = new ArrayList<>();
            for (String folder : found.topFolders()) {
                children.add(ctx.spawnChild(TYPE, payload.child(folder)));
            }
            ctx.log("handed " + children.size() + " folders to child jobs: " + String.join(", ", found.topFolders()));
            found = found.withoutFolders(found.topFolders());
        }
        Files.createDirectories(list.getParent());
        Path tmp = list.resolveSibling(list.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (String f : found.files()) {
                out.write(IndexerData.JSON.writeValueAsString(f));
                out.newLine();
            }
        }
        Files.move(tmp, list, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(entries);
        Checkpoint at = new Checkpoint("Processing", 0, 0, found.files().size(), found.bytes(), 0, 0, children);
        ctx.checkpoint(at);
        ctx.progress(Progress.of("Discovery", found.files().size(), found.files().size()));
        ctx.pausePoint();
        return at;
    }

    private Checkpoint process(IndexPayload payload, JobContext ctx, List<String> files, Path entries,
                               Checkpoint at) throws Exception {
        Path root = Path.of(payload.root());
        Path prefix = Path.of(payload.part());
        try (FileChannel channel = FileChannel.open(entries, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(at.entriesLength());
            channel.position(at.entriesLength());
            var out = Channels.newWriter(channel, StandardCharsets.UTF_8);
            int batch = Math.max(1, payload.batchSize());
            for (int i = at.next(); i < files.size(); ) {
                int end = Math.min(files.size(), i + batch);
                long bytes = at.bytesDone();
                int errors = at.errors();
                for (; i < end; i++) {
                    Path file = root.resolve(files.get(i));
                    try {
                        long size = Files.size(file);
                        String hash = payload.mode() == Mode.CONTENT ? sha256(file) : null;
                        String relative = prefix.resolve(files.get(i)).toString();
                        out.write(IndexerData.JSON.writeValueAsString(new Entry(relative, size, hash)));
                        out.write('\n');
                        bytes += size;
                    } catch (NoSuchFileException | java.nio.file.AccessDeniedException gone) {
                        errors++;
                        ctx.log("skipped " + file + ": " + gone.getClass().getSimpleName());
                    }
                }
                out.flush();
                channel.force(false);
                at = new Checkpoint("Processing", end, channel.position(), at.files(), at.totalBytes(), bytes, errors,
                        at.children());
                ctx.checkpoint(at);
                ctx.progress(Progress.of("Processing", end, files.size()).withBytes(bytes, at.totalBytes())
                        .withCurrentPath(files.get(end - 1)).withIssues(errors, 0));
                ctx.pausePoint();
            }
        }
        return at;
    }

    private void finish(IndexPayload payload, JobContext ctx, IndexerData data, int total, Path entries,
                        Checkpoint at) throws IOException {
        long files = 0;
        long bytes = 0;
        Map<String, PartIndex.Totals> byExtension = new TreeMap<>();
        Map<String, List<String>> hashes = new TreeMap<>();
        int step = Math.max(1, payload.batchSize());
        ctx.progress(Progress.of("Finalizing", 0, total));
        if (Files.exists(entries)) {
            for (String line : Files.readAllLines(entries, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                Entry e = IndexerData.JSON.readValue(line, Entry.class);
                files++;
                bytes += e.size();
                byExtension.merge(extension(e.path()), new PartIndex.Totals(1, e.size()),
                        (a, b) -> new PartIndex.Totals(a.files() + b.files(), a.bytes() + b.bytes()));
                if (e.sha256() != null) hashes.computeIfAbsent(e.sha256(), h -> new ArrayList<>()).add(e.path());
                if (files % step == 0) ctx.progress(Progress.of("Finalizing", files, total));
            }
        }
        data.savePart(new PartIndex(payload.locationId(), payload.part(), files, bytes, byExtension,
                payload.mode() == Mode.CONTENT ? hashes : null, Instant.now().toString(), ctx.jobId()));
        long duplicates = hashes.values().stream().filter(p -> p.size() > 1).count();
        ctx.progress(Progress.of("Finalizing", files, total).withBytes(bytes, bytes).withIssues(at.errors(), 0)
                .withMessage("Indexed " + title(payload, ctx.actionContext().orElse(null)) + ": " + files
                        + " files, " + bytes + " bytes" + (payload.mode() == Mode.CONTENT
                        ? ", " + duplicates + " duplicate group(s)" : "")
                        + (at.children().isEmpty() ? "" : ", " + at.children().size() + " folder(s) in child jobs")));
    }

    static String extension(String path) {
        String name = Path.of(path).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase() : "";
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<String> readList(Path list) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) out.add(IndexerData.JSON.readValue(line, String.class));
        }
        return out;
    }
}
