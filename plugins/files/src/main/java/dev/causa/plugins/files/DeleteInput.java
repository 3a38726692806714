package dev.causa.plugins.files;

import java.util.List;

/** The input of {@code files.delete}: files or directories (with everything in them) to remove. */
public record DeleteInput(List<String> paths) {
}
