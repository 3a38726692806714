package dev.causa.plugins.indexer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A location and its index merged over all parts, as JSON-like values for an action context. */
final class LocationSummary {

    private static final int TOP_EXTENSIONS = 5;

    private LocationSummary() {
    }

    static Map<String, Object> of(Location location, List<PartIndex> parts) {
        long files = 0;
        long bytes = 0;
        Map<String, PartIndex.Totals> byExtension = new HashMap<>();
        Map<String, List<String>> hashes = new HashMap<>();
        String last = null;
        for (PartIndex p : parts) {
            files += p.files();
            bytes += p.bytes();
            p.byExtension().forEach((ext, t) -> byExtension.merge(ext, t,
                    (a, b) -> new PartIndex.Totals(a.files() + b.files(), a.bytes() + b.bytes())));
            if (p.hashes() != null) {
                p.hashes().forEach((h, paths) -> hashes.computeIfAbsent(h, k -> new ArrayList<>()).addAll(paths));
            }
            if (last == null || p.finishedAt().compareTo(last) > 0) last = p.finishedAt();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", location.id());
        out.put("name", location.name());
        out.put("path", location.path());
        out.put("mode", location.mode().name().toLowerCase());
        out.put("indexed", !parts.isEmpty());
        out.put("last_indexed", last);
        out.put("files", files);
        out.put("bytes", bytes);
        Map<String, Object> top = new LinkedHashMap<>();
        byExtension.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, PartIndex.Totals> e) -> -e.getValue().files())
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_EXTENSIONS)
                .forEach(e -> top.put(e.getKey().isEmpty() ? "(none)" : e.getKey(),
                        Map.of("files", e.getValue().files(), "bytes", e.getValue().bytes())));
        out.put("by_extension", top);
        if (location.mode() == Mode.CONTENT) {
            List<List<String>> groups = hashes.values().stream().filter(p -> p.size() > 1)
                    .map(p -> p.stream().sorted().toList())
                    .sorted(Comparator.comparing(g -> g.getFirst())).toList();
            out.put("duplicate_groups", groups.size());
            out.put("duplicate_files", groups.stream().mapToInt(List::size).sum());
            out.put("duplicates_sample", groups.stream().limit(3).map(g -> g.stream().limit(5).toList()).toList());
        }
        return out;
    }
}
