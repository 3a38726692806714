package dev.causa.repl.torture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short version of {@code bench/torture}: three rounds of a real engine in a child JVM killed with SIGKILL,
 * then everything acknowledged checked. Also shows that the checks can fail.
 */
class TortureIT {

    @TempDir
    Path work;

    @Test
    void threeRoundsOfKill9LoseNothingAcknowledgedAndFinishEveryJobOnce() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Path dist = Path.of(System.getProperty("causa.dist", "target/causa")).toAbsolutePath();
        Torture.Result result = new Torture(3, new Random().nextLong(), work, dist,
                new PrintStream(output, true, StandardCharsets.UTF_8)).shortestLifetime(1_200).run();
        String printed = output.toString(StandardCharsets.UTF_8);
        System.out.print(printed); // kept in the failsafe report

        assertThat(result.problems()).as(printed).isEmpty();
        assertThat(result.survived()).as(printed).isEqualTo(3);
        assertThat(printed).contains("torture: 3/3 rounds survived").contains("round 1: killed after");
        assertThat(printed).containsPattern("acknowledged actions checked: [1-9]");
        assertThat(printed).containsPattern("copied trees compared byte for byte: [1-9]");
    }

    @Test
    void aStepRunAgainAfterItsCheckpointWasCommittedIsCaught() throws Exception {
        Path ledger = work.resolve("job.ledger");
        Files.write(ledger, List.of("run 1 0", "step 0", "durable 1", "step 1", "durable 2",
                "run 1 1", "step 1", "durable 2", "step 2", "durable 3", "done"));
        assertThat(Ledger.judge(ledger, 3).problems()).anyMatch(p -> p.contains("although the checkpoint at 2"))
                .anyMatch(p -> p.contains("step 1 completed again"));

        Files.write(ledger, List.of("run 1 0", "step 0", "durable 1", "step 1",
                "run 1 1", "step 1", "durable 2", "step 2", "durable 3", "done"));
        Ledger.Verdict redoneBeforeCommit = Ledger.judge(ledger, 3);
        assertThat(redoneBeforeCommit.problems()).isEmpty();
        assertThat(redoneBeforeCommit.redoneSteps()).isEqualTo(1);

        Files.write(ledger, List.of("run 1 0", "step 0", "durable 1", "step 2", "durable 3"));
        assertThat(Ledger.judge(ledger, 3).problems()).contains("step 2 ran out of order (expected 1)",
                "step 1 never ran", "the last run did not finish");
    }

    @Test
    void aCopyThatDiffersByOneByteIsCaught() throws Exception {
        Path source = work.resolve("src");
        Trees.generate(source, new Random(7));
        Path destination = work.resolve("dst");
        Files.createDirectories(destination);
        copyTree(source, destination.resolve("src"));
        assertThat(Trees.compare(source, destination)).isEmpty();

        Path someFile;
        try (var walk = Files.walk(destination)) {
            someFile = walk.filter(Files::isRegularFile).filter(p -> p.toFile().length() > 0).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(someFile);
        bytes[bytes.length / 2] ^= 1;
        Files.write(someFile, bytes);
        Files.writeString(destination.resolve("src").resolve("stray.causa-part"), "x");
        assertThat(Trees.compare(source, destination)).anyMatch(p -> p.startsWith("differs "))
                .anyMatch(p -> p.startsWith("extra ") && p.endsWith("stray.causa-part"));
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
