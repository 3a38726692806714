package dev.causa.plugins.indexer;

/** The input of {@code locations.add}. */
public record AddLocationInput(String path, String name, Mode mode) {

    public AddLocationInput {
        mode = mode == null ? Mode.DEEP : mode;
    }
}
