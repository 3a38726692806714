package dev.causa.plugins.files;

import java.util.List;

/** What a copy or move job works on. */
public record TransferPayload(List<String> sources, String destination, Conflict conflict) {

    static TransferPayload of(TransferInput input) {
        return new TransferPayload(input.sources(), input.destination(), input.conflict());
    }
}
