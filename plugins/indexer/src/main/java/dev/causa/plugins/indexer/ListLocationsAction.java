package dev.causa.plugins.indexer;

import dev.causa.api.Action;
import dev.causa.api.ActionScope;
import dev.causa.api.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code locations.list}: an action without jobs whose context is the summary of every location (or one, by id or
 * name): files, bytes, the largest extensions and duplicate groups. {@code causa action run locations.list} prints
 * it; with {@code --json} it is the action record's {@code context}.
 */
@Extension
public class ListLocationsAction implements Action<ListLocationsInput> {

    static final String TYPE = "locations.list";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<ListLocationsInput> inputType() {
        return ListLocationsInput.class;
    }

    @Override
    public String description() {
        return "Show the locations and what their last index found (no jobs)";
    }

    @Override
    public void execute(ListLocationsInput input, ActionScope scope) throws InvalidInputException {
        IndexerData data = new IndexerData(scope.dataDirectory());
        List<Location> locations = input.location() == null ? data.locations()
                : List.of(data.location(input.location()).orElseThrow(() ->
                        new InvalidInputException("no location " + input.location())));
        List<Map<String, Object>> summaries = locations.stream()
                .map(l -> LocationSummary.of(l, data.parts(l.id()))).toList();
        scope.produced("locations", summaries);
    }
}
