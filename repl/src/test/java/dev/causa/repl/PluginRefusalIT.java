package dev.causa.repl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every jar that {@code causa plugin install} must refuse: one clear line on stderr, the exit code, and nothing
 * changed: the plugin folder (files and their contents), the plugin list, the actions on offer.
 */
class PluginRefusalIT {

    /** The plugin folder's files with their contents, the plugin list and the action types. */
    private record World(Map<String, String> folder, String plugins, List<String> actions) {
        static World of(Cli cli) throws IOException {
            Map<String, String> folder = new HashMap<>();
            Path dir = cli.home().resolve("plugins");
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        folder.put(f.getFileName().toString(), f.toString().endsWith(".jar")
                                ? String.valueOf(Files.size(f)) : Files.readString(f));
                    }
                }
            }
            StringBuilder plugins = new StringBuilder();
            List<String> actions = new java.util.ArrayList<>();
            for (JsonNode p : cli.ok("plugin", "list", "--json").json()) {
                plugins.append(p.get("id").asText()).append(' ').append(p.get("version").asText()).append(' ')
                        .append(p.get("state").asText()).append(' ').append(p.get("actions")).append('\n');
                p.get("actions").forEach(a -> actions.add(a.asText()));
            }
            return new World(folder, plugins.toString(), actions);
        }
    }

    /** Refuses {@code jar}; returns the (unchanged) world to compare the next refusal with. */
    private static World refused(Cli cli, World before, Path jar, int exit, String message) throws IOException {
        Cli.Result r = cli.run("plugin", "install", jar.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.err()).as("one line on stderr").isEqualTo("causa: " + message + "\n");
        assertThat(r.out()).isEmpty();
        World after = World.of(cli);
        assertThat(after).isEqualTo(before);
        assertThat(after.actions()).contains("files.copy", "locations.add");
        return after;
    }

    @Test
    void filesThatAreNotPluginJars(@TempDir Path tmp) throws IOException {
        Cli cli = new Cli(tmp.resolve("home"));
        World world = World.of(cli);

        Path text = Files.writeString(tmp.resolve("notes.jar"), "not a zip at all\n");
        world = refused(cli, world, text, 1, "not a plugin jar: notes.jar is not a jar file");

        Path plain = tmp.resolve("plain.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plain), manifest)) {
            out.putNextEntry(new java.util.jar.JarEntry("hello.txt"));
            out.write("hi".getBytes());
        }
        world = refused(cli, world, plain, 1, "not a plugin jar: plain.jar has no PF4J descriptor"
                + " (Plugin-Id in its manifest or a plugin.properties)");

        Path fat = PluginJars.withManifest(PluginLifecycleIT.samplePlugin(), tmp.resolve("fat.jar"),
                Map.of("Plugin-Id", "fat"), Map.of("dev/causa/api/Action.class", new byte[]{(byte) 0xCA, (byte) 0xFE}));
        world = refused(cli, world, fat, 1, "plugin jar fat.jar bundles the causa plugin API (dev.causa.api),"
                + " which causa provides: give that dependency <scope>provided</scope>");

        Cli.Result missing = cli.run("plugin", "install", tmp.resolve("nowhere.jar").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("causa: no such file: " + tmp.resolve("nowhere.jar") + "\n");
        assertThat(World.of(cli)).isEqualTo(world);
    }

    @Test
    void pluginsThatCannotRunHere(@TempDir Path tmp) throws IOException {
        Cli cli = new Cli(tmp.resolve("home"));
        Path sample = PluginLifecycleIT.samplePlugin();
        World world = World.of(cli);

        Path future = PluginJars.withManifest(sample, tmp.resolve("future.jar"),
                Map.of("Plugin-Id", "future", "Plugin-Requires", ">=99.0.0"));
        world = refused(cli, world, future, 1, "plugin future 0.1.0 requires causa >=99.0.0, but this is causa 0.1.0");

        Path needy = PluginJars.withManifest(sample, tmp.resolve("needy.jar"),
                Map.of("Plugin-Id", "needy", "Plugin-Dependencies", "nosuch@>=1.0.0"));
        world = refused(cli, world, needy, 1, "plugin needy needs plugin(s) that are not installed: nosuch >=1.0.0");

        Path exploding = PluginJars.withManifest(sample, tmp.resolve("exploding.jar"),
                Map.of("Plugin-Id", "exploding", "Plugin-Class", "dev.causa.plugins.sample.ExplodingPlugin"));
        world = refused(cli, world, exploding, 1, "plugin exploding failed to start: the sample refuses to start");
    }

    @Test
    void duplicatesConflictsAndUpdates(@TempDir Path tmp) throws IOException {
        Cli cli = new Cli(tmp.resolve("home"));
        Path sample = PluginLifecycleIT.samplePlugin();
        cli.ok("plugin", "install", sample.toString());
        World world = World.of(cli);

        world = refused(cli, world, sample, 1,
                "plugin sample 0.1.0 is already installed (the jar has version 0.1.0; only a newer version updates it)");

        Path copy = PluginJars.withManifest(sample, tmp.resolve("copy.jar"), Map.of("Plugin-Id", "sample-copy"));
        world = refused(cli, world, copy, 1, "plugin sample-copy refused: action type 'sample.batch' is claimed by plugin"
                + " sample-copy and already by sample: ignored in sample-copy");

        Path newer = PluginJars.withManifest(sample, tmp.resolve("newer.jar"), Map.of("Plugin-Version", "0.2.0"));
        JsonNode updated = cli.ok("plugin", "install", newer.toString(), "--json").json();
        assertThat(updated.get("version").asText()).isEqualTo("0.2.0");
        assertThat(updated.get("state").asText()).isEqualTo("started");
        assertThat(PluginLifecycleIT.pluginFolder(cli.home())).containsExactly("sample-0.2.0.jar");
        cli.ok("action", "run", "sample.greet", "{\"name\":\"Dee\",\"count\":1}");
        world = World.of(cli);

        world = refused(cli, world, sample, 1,
                "plugin sample 0.2.0 is already installed (the jar has version 0.1.0; only a newer version updates it)");

        // An update that cannot start leaves the old version installed and running.
        Path badUpdate = PluginJars.withManifest(sample, tmp.resolve("bad-update.jar"), Map.of("Plugin-Version",
                "0.3.0", "Plugin-Class", "dev.causa.plugins.sample.ExplodingPlugin"));
        world = refused(cli, world, badUpdate, 1, "plugin sample failed to start: the sample refuses to start");
        assertThat(PluginLifecycleIT.pluginFolder(cli.home())).containsExactly("sample-0.2.0.jar");
    }

    @Test
    void pluginsThatOthersNeed(@TempDir Path tmp) throws IOException {
        Cli cli = new Cli(tmp.resolve("home"));
        Path sample = PluginLifecycleIT.samplePlugin();
        cli.ok("plugin", "install", sample.toString());
        // an add-on that needs sample and offers nothing of its own (an empty extensions index: without one, PF4J
        // would read the index of the plugin it depends on)
        Path addon = PluginJars.withManifest(sample, tmp.resolve("addon.jar"),
                Map.of("Plugin-Id", "sample-addon", "Plugin-Dependencies", "sample@>=0.1.0"),
                Map.of("META-INF/extensions.idx", "# none\n".getBytes()));
        JsonNode installed = cli.ok("plugin", "install", addon.toString(), "--json").json();
        assertThat(installed.get("state").asText()).isEqualTo("started");
        assertThat(installed.get("dependencies").get(0).asText()).isEqualTo("sample@>=0.1.0");
        World world = World.of(cli);

        for (String change : List.of("disable", "uninstall")) {
            Cli.Result r = cli.run("plugin", change, "sample");
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("causa: cannot " + change + " plugin sample: plugin(s) sample-addon need it;"
                    + " disable or uninstall them first\n");
            assertThat(World.of(cli)).isEqualTo(world);
        }
        Path newer = PluginJars.withManifest(sample, tmp.resolve("newer.jar"), Map.of("Plugin-Version", "0.2.0"));
        world = refused(cli, world, newer, 1, "cannot update plugin sample: plugin(s) sample-addon need it;"
                + " disable or uninstall them first");

        cli.ok("plugin", "uninstall", "sample-addon");
        cli.ok("plugin", "uninstall", "sample");
        assertThat(PluginLifecycleIT.pluginFolder(cli.home())).noneMatch(f -> f.endsWith(".jar"));
    }
}
