package dev.causa.plugins.files;

import dev.causa.api.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** Checks on user-given paths shared by the files actions. */
final class PathChecks {

    private PathChecks() {
    }

    static Path parse(String field, String text) throws InvalidInputException {
        if (text == null || text.isBlank()) throw new InvalidInputException(field + " is required");
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidInputException(field + ": invalid path '" + text + "': " + e.getReason());
        }
    }

    static void requireExisting(String field, List<String> paths) throws InvalidInputException {
        if (paths == null || paths.isEmpty()) throw new InvalidInputException(field + " must name at least one path");
        for (String text : paths) {
            Path path = parse(field, text);
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(field + ": no such file or directory: " + path);
            }
            if (path.getParent() == null) throw new InvalidInputException(field + ": refusing the root directory");
        }
    }
}
