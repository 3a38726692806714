package dev.causa.engine.plugin;

import dev.causa.engine.model.CausaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PropertiesPluginDescriptorFinder;

/**
 * A plugin jar offered for installation, read but not loaded: its PF4J descriptor, found the way PF4J's default
 * manager finds it (a {@code plugin.properties}, else the manifest). Anything that is not a readable jar with a
 * plugin id is refused here, before a file is copied.
 */
record PluginJar(Path file, PluginDescriptor descriptor) {

    static PluginJar read(Path file) {
        if (!Files.exists(file)) throw CausaException.notFound("no such file: " + file);
        if (!Files.isRegularFile(file)) throw CausaException.badInput("not a plugin jar: " + file + " is not a file");
        try (JarFile jar = new JarFile(file.toFile())) {
            String bundled = jar.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(name -> name.endsWith(".class"))
                    .map(PluginJar::providedPackage).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (bundled != null) {
                throw CausaException.badInput("plugin jar " + file.getFileName() + " bundles " + bundled
                        + ", which causa provides: give that dependency <scope>provided</scope>");
            }
        } catch (IOException | SecurityException e) {
            throw CausaException.badInput("not a plugin jar: " + file.getFileName() + " is not a jar file");
        }
        PluginDescriptor descriptor;
        try {
            descriptor = new CompoundPluginDescriptorFinder()
                    .add(new PropertiesPluginDescriptorFinder())
                    .add(new ManifestPluginDescriptorFinder())
                    .find(file);
        } catch (RuntimeException e) {
            descriptor = null;
        }
        if (descriptor == null || blank(descriptor.getPluginId())) {
            throw CausaException.badInput("not a plugin jar: " + file.getFileName()
                    + " has no PF4J descriptor (Plugin-Id in its manifest or a plugin.properties)");
        }
        if (blank(descriptor.getVersion())) {
            throw CausaException.badInput("not a plugin jar: " + file.getFileName() + " has no Plugin-Version");
        }
        return new PluginJar(file, descriptor);
    }

    /** Classes the engine provides to every plugin: a second copy in the plugin's jar clashes (LinkageError). */
    private static String providedPackage(String classFile) {
        if (classFile.startsWith("dev/causa/api/")) return "the causa plugin API (dev.causa.api)";
        if (classFile.startsWith("org/pf4j/")) return "PF4J (org.pf4j)";
        if (classFile.startsWith("com/fasterxml/jackson/")) return "Jackson (com.fasterxml.jackson)";
        return null;
    }

    String id() {
        return descriptor.getPluginId();
    }

    String version() {
        return descriptor.getVersion();
    }

    /** The name the jar gets in the user's plugin folder: one file per plugin id. */
    String installedName() {
        return id().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + version().replaceAll("[^A-Za-z0-9._-]", "_") + ".jar";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
