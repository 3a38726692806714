package dev.causa.repl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Bad (and updated) plugin jars for the tests, made from a real plugin jar by rewriting its manifest. */
final class PluginJars {

    private PluginJars() {
    }

    /**
     * A copy of {@code source} whose manifest has {@code changes} applied: a null value removes the attribute.
     */
    static Path withManifest(Path source, Path target, Map<String, String> changes) throws IOException {
        return withManifest(source, target, changes, Map.of());
    }

    /** As above, with entries (name to content) added or replaced; an empty content drops the entry. */
    static Path withManifest(Path source, Path target, Map<String, String> changes, Map<String, byte[]> extra)
            throws IOException {
        try (JarFile in = new JarFile(source.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            Attributes main = manifest.getMainAttributes();
            changes.forEach((key, value) -> {
                if (value == null) main.remove(new Attributes.Name(key));
                else main.put(new Attributes.Name(key), value);
            });
            try (OutputStream file = Files.newOutputStream(target);
                 JarOutputStream out = new JarOutputStream(file, manifest)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) continue;
                    if (extra.containsKey(entry.getName())) {
                        continue; // replaced (or, with an empty value, dropped) below
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    if (!entry.isDirectory()) in.getInputStream(entry).transferTo(out);
                    out.closeEntry();
                }
                for (Map.Entry<String, byte[]> e : extra.entrySet()) {
                    if (e.getValue().length == 0) continue;
                    out.putNextEntry(new JarEntry(e.getKey()));
                    out.write(e.getValue());
                    out.closeEntry();
                }
            }
        }
        return target;
    }
}
