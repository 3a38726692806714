package dev.causa.plugins.indexer;

import dev.causa.api.Action;
import dev.causa.api.ActionScope;
import dev.causa.api.InvalidInputException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.pf4j.Extension;

/** {@code locations.add}: registers a folder as a location and dispatches the {@code indexer} job that indexes it. */
@Extension
public class AddLocationAction implements Action<AddLocationInput> {

    static final String TYPE = "locations.add";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<AddLocationInput> inputType() {
        return AddLocationInput.class;
    }

    @Override
    public String description() {
        return "Add a folder as a location and index it (mode shallow, deep or content)";
    }

    @Override
    public void validate(AddLocationInput input) throws InvalidInputException {
        Path path = Folders.existing("path", input.path());
        if (input.name() == null || input.name().isBlank()) {
            throw new InvalidInputException("name is required, e.g. \"name\": \"" + path.getFileName() + "\"");
        }
    }

    @Override
    public void execute(AddLocationInput input, ActionScope scope) throws InvalidInputException {
        IndexerData data = new IndexerData(scope.dataDirectory());
        String path = Folders.existing("path", input.path()).toString();
        if (data.location(input.name()).isPresent()) {
            throw new InvalidInputException("a location named '" + input.name() + "' exists already");
        }
        Location location = new Location(UUID.randomUUID().toString(), input.name(), path, input.mode(),
                Instant.now().toString());
        data.save(location);
        scope.produced("location_id", location.id());
        scope.dispatch(IndexJob.TYPE, IndexPayload.forLocation(location, scope.dataDirectory().toString()));
    }
}
