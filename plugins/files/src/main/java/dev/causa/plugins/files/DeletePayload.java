package dev.causa.plugins.files;

import java.util.List;

/** What a delete job works on. */
public record DeletePayload(List<String> paths) {
}
