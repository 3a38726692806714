package dev.causa.plugins.indexer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The indexer's files in its data folder: {@code locations.json} (the registered locations),
 * {@code index/<location>/<part>.json} (what each job found) and {@code work/<job>.*} (a running job's list and
 * entries, deleted when it finishes). Every file is replaced atomically, so a crash never leaves half a file.
 */
final class IndexerData {

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true)
            .configure(com.fasterxml.jackson.databind.cfg.EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final Object LOCATIONS_LOCK = new Object();

    private final Path dir;

    IndexerData(Path dir) {
        this.dir = dir;
    }

    List<Location> locations() {
        Path file = dir.resolve("locations.json");
        if (!Files.exists(file)) return List.of();
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<Location>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    Optional<Location> location(String idOrName) {
        return locations().stream().filter(l -> l.id().equals(idOrName) || l.name().equals(idOrName)).findFirst();
    }

    Optional<Location> locationAt(String path) {
        return locations().stream().filter(l -> l.path().equals(path)).findFirst();
    }

    /** Registers a location, or replaces the one with the same id. */
    void save(Location location) {
        synchronized (LOCATIONS_LOCK) {
            List<Location> all = new ArrayList<>(locations());
            all.removeIf(l -> l.id().equals(location.id()));
            all.add(location);
            write(dir.resolve("locations.json"), all);
        }
    }

    void savePart(PartIndex part) {
        write(partFile(part.locationId(), part.part()), part);
    }

    List<PartIndex> parts(String locationId) {
        Path folder = dir.resolve("index").resolve(locationId);
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> files = Files.list(folder)) {
            List<PartIndex> out = new ArrayList<>();
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                out.add(JSON.readValue(f.toFile(), PartIndex.class));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index of location " + locationId, e);
        }
    }

    Path partFile(String locationId, String part) {
        String name = part.isEmpty() ? "_root" : part.replaceAll("[^A-Za-z0-9._-]", "_");
        return dir.resolve("index").resolve(locationId).resolve(name + ".json");
    }

    Path work(String jobId, String suffix) {
        return dir.resolve("work").resolve(jobId + suffix);
    }

    private static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
