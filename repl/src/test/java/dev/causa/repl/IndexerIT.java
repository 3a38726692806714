package dev.causa.repl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in indexer through the command line: a location is added, indexed, split into child jobs, listed. */
class IndexerIT {

    /** 3 top-level folders of 40 files each (every 4th file has the same content) and 2 files at the top. */
    static Path documents(Path tmp) throws IOException {
        Path docs = tmp.resolve("Documents");
        for (String folder : List.of("letters", "photos", "taxes")) {
            Files.createDirectories(docs.resolve(folder));
            for (int i = 0; i < 40; i++) {
                String ext = folder.equals("photos") ? ".jpg" : ".txt";
                Files.writeString(docs.resolve(folder).resolve("f" + i + ext), i % 4 == 0 ? "same" : folder + i);
            }
        }
        Files.writeString(docs.resolve("readme.md"), "about these documents");
        Files.writeString(docs.resolve("notes"), "same");
        return docs;
    }

    @Test
    void addingALocationIndexesItInChildJobsThatShareTheActionContext(@TempDir Path tmp) throws IOException {
        Path docs = documents(tmp);
        Cli cli = new Cli(tmp.resolve("home")).withJavaOption("-Dcausa.indexer.splitAbove=50")
                .withJavaOption("-Dcausa.indexer.batch=16");

        Cli.Result run = cli.ok("action", "run", "locations.add",
                "{\"path\":\"" + docs + "\",\"name\":\"Documents\",\"mode\":\"content\"}");
        assertThat(run.out()).contains("Documents scan");
        String actionId = run.out().lines().findFirst().orElseThrow().split(" ")[1];

        JsonNode jobs = cli.ok("job", "list", "--action", actionId, "--json").json();
        assertThat(jobs).hasSize(4);
        String locationId = null;
        String parentId = null;
        List<String> messages = new ArrayList<>();
        for (JsonNode job : jobs) {
            assertThat(job.get("state").asText()).isEqualTo("completed");
            assertThat(job.get("job_type").asText()).isEqualTo("indexer");
            assertThat(job.at("/action_context/action_input/name").asText()).isEqualTo("Documents");
            assertThat(job.at("/action_context/context/operation").asText()).isEqualTo("add_location");
            String id = job.at("/action_context/context/location_id").asText();
            assertThat(id).matches("[0-9a-f-]{36}");
            if (locationId != null) assertThat(id).isEqualTo(locationId);
            locationId = id;
            if (job.get("parent_job_id").isNull()) parentId = job.get("id").asText();
            messages.add(job.get("message").asText());
        }
        assertThat(parentId).isNotNull();
        String parent = parentId;
        assertThat(jobs).filteredOn(j -> !j.get("id").asText().equals(parent))
                .allSatisfy(j -> assertThat(j.get("parent_job_id").asText()).isEqualTo(parent));
        assertThat(messages).contains(
                "Indexed Documents scan: 2 files, 25 bytes, 0 duplicate group(s), 3 folder(s) in child jobs",
                "Indexed Documents scan (photos): 40 files, 273 bytes, 1 duplicate group(s)");

        JsonNode info = cli.ok("job", "info", parentId, "--json").json();
        assertThat(info.at("/action_context/action_type").asText()).isEqualTo("locations.add");
        assertThat(info.at("/action_context/action_input/path").asText()).isEqualTo(docs.toString());
        assertThat(info.at("/action_context/action_input/mode").asText()).isEqualTo("content");
        assertThat(info.at("/action_context/context/location_id").asText()).isEqualTo(locationId);
        assertThat(info.get("message").asText()).startsWith("Indexed Documents scan: 2 files");
        assertThat(info.at("/progress/phase").asText()).isEqualTo("Finalizing");
        assertThat(info.get("history").toString()).contains("completed");

        JsonNode listed = cli.ok("action", "run", "locations.list", "--json").json();
        assertThat(listed.get("jobs")).isEmpty();
        JsonNode location = listed.at("/context/locations/0");
        assertThat(location.get("id").asText()).isEqualTo(locationId);
        assertThat(location.get("name").asText()).isEqualTo("Documents");
        assertThat(location.get("files").asLong()).isEqualTo(122);
        assertThat(location.at("/by_extension/txt/files").asLong()).isEqualTo(80);
        assertThat(location.at("/by_extension/jpg/files").asLong()).isEqualTo(40);
        // "same": 10 files in each folder plus notes, across parts
        assertThat(location.get("duplicate_groups").asInt()).isEqualTo(1);
        assertThat(location.get("duplicate_files").asInt()).isEqualTo(31);
    }

    @Test
    void theDeepIndexOfDocumentsIsNamedAfterItsLocation(@TempDir Path tmp) throws IOException {
        Path docs = documents(tmp);
        Cli cli = new Cli(tmp.resolve("home"));
        Cli.Result run = cli.ok("action", "run", "locations.add",
                "{\"path\":\"" + docs + "\",\"name\":\"Documents\",\"mode\":\"deep\"}");
        assertThat(run.out()).contains("indexer completed: Indexed Documents scan: 122 files, 844 bytes");
        String jobId = run.out().lines().filter(l -> l.strip().startsWith("job ")).findFirst().orElseThrow()
                .strip().split(" ")[1];

        JsonNode info = cli.ok("job", "info", jobId, "--json").json();
        assertThat(info.at("/action_context/action_type").asText()).isEqualTo("locations.add");
        assertThat(info.at("/action_context/initiated_by").asText()).startsWith("cli:");
        assertThat(info.at("/action_context/action_input/name").asText()).isEqualTo("Documents");
        assertThat(info.at("/action_context/action_input/mode").asText()).isEqualTo("deep");
        assertThat(info.at("/action_context/context/operation").asText()).isEqualTo("add_location");
        assertThat(info.at("/action_context/context/location_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(info.get("message").asText()).isEqualTo("Indexed Documents scan: 122 files, 844 bytes");
        assertThat(info.get("parent_job_id").isNull()).isTrue();
    }

    @Test
    void aManualScanSaysWhoTriggeredIt(@TempDir Path tmp) throws IOException {
        Path docs = documents(tmp);
        Cli cli = new Cli(tmp.resolve("home"));
        JsonNode run = cli.ok("action", "run", "indexing.scan",
                "{\"paths\":[\"" + docs.resolve("taxes") + "\"],\"mode\":\"deep\"}", "--json").json();
        assertThat(run.at("/context/operation").asText()).isEqualTo("manual_scan");
        assertThat(run.at("/context/trigger").asText()).isEqualTo("cli");
        JsonNode job = run.at("/jobs/0");
        assertThat(job.get("message").asText()).isEqualTo("Indexed taxes scan: 40 files, 243 bytes");
        assertThat(job.at("/action_context/context/trigger").asText()).isEqualTo("cli");

        Cli.Result bad = cli.run("action", "run", "locations.add",
                "{\"path\":\"" + tmp.resolve("nowhere") + "\",\"name\":\"X\"}");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("causa: locations.add: path is not a folder: " + tmp.resolve("nowhere") + "\n");
    }
}
