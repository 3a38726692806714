package dev.causa.plugins.indexer;

import dev.causa.api.Action;
import dev.causa.api.ActionScope;
import dev.causa.api.InvalidInputException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.pf4j.Extension;

/**
 * {@code indexing.scan}: indexes the given folders now. A folder that is a location already is indexed again
 * (its index is replaced); any other becomes a location named after it, so its results can be listed.
 */
@Extension
public class ScanAction implements Action<ScanInput> {

    static final String TYPE = "indexing.scan";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<ScanInput> inputType() {
        return ScanInput.class;
    }

    @Override
    public String description() {
        return "Index folders now (each becomes or reuses a location)";
    }

    @Override
    public void validate(ScanInput input) throws InvalidInputException {
        if (input.paths() == null || input.paths().isEmpty()) throw new InvalidInputException("paths is empty");
        for (String p : input.paths()) Folders.existing("paths", p);
    }

    @Override
    public void execute(ScanInput input, ActionScope scope) throws InvalidInputException {
        IndexerData data = new IndexerData(scope.dataDirectory());
        scope.produced("trigger", scope.initiatedBy().split(":", 2)[0]);
        for (String p : input.paths()) {
            Path path = Folders.existing("paths", p);
            Location location = data.locationAt(path.toString())
                    .map(l -> new Location(l.id(), l.name(), l.path(), input.mode(), l.addedAt()))
                    .orElseGet(() -> new Location(UUID.randomUUID().toString(),
                            path.getFileName() == null ? path.toString() : path.getFileName().toString(),
                            path.toString(), input.mode(), Instant.now().toString()));
            data.save(location);
            scope.dispatch(IndexJob.TYPE, IndexPayload.forLocation(location, scope.dataDirectory().toString()));
        }
    }
}
