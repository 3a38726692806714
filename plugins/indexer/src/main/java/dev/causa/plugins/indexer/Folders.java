package dev.causa.plugins.indexer;

import dev.causa.api.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Checks a folder given in an action input. */
final class Folders {

    private Folders() {
    }

    /** The absolute, normalized folder, or a one-line refusal. */
    static Path existing(String field, String value) throws InvalidInputException {
        if (value == null || value.isBlank()) throw new InvalidInputException(field + " is required");
        Path path;
        try {
            path = Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidInputException(field + " is not a valid path: " + value);
        }
        if (!Files.isDirectory(path)) throw new InvalidInputException(field + " is not a folder: " + value);
        return path;
    }
}
