package dev.causa.repl.scripts;

import dev.causa.repl.Cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A script sees the causa API and console, nothing else of the machine: each escape fails with a clear error. */
class SandboxIT {

    @TempDir
    Path dir;
    Cli causa;

    @BeforeEach
    void setUp() throws Exception {
        causa = new Cli(Files.createDirectories(dir.resolve("home")));
        Files.writeString(dir.resolve("secret.mjs"), "export const secret = 'outside the script folder';\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            java-type.mjs      | const Runtime = Java.type('java.lang.Runtime');                | java-type.mjs:1:       | Access to host class java.lang.Runtime is not allowed
            java-package.mjs   | java.lang.Runtime.getRuntime().exec('id');                     | java-package.mjs:1:    | java.lang.Runtime.getRuntime is not a function
            polyglot.mjs       | Polyglot.eval('python', '1 + 1');                              | polyglot.mjs:1:        | Polyglot is not defined
            import-outside.mjs | import { secret } from '../secret.mjs'; console.log(secret);   | import-outside.mjs: Error: | scripts may only read files under their own folder
            import-etc.mjs     | const m = await import('/etc/passwd');                         | import-etc.mjs:1:      | scripts may only read files under their own folder
            require-fs.js      | const fs = require('fs'); fs.readFileSync('/etc/passwd');      | require-fs.js:1:       | require is not defined
            load.js            | load('/etc/passwd');                                           | load.js:1:             | load is not defined
            process.mjs        | console.log(process.env.HOME);                                 | process.mjs:1:         | process is not defined
            constructor.mjs    | causa.actions.run.constructor('return this')().Java.type('java.lang.System').exit(7); | constructor.mjs:1: | Access to host class java.lang.System is not allowed
            reflection.mjs     | causa.jobs.list.getClass().forName('java.lang.Runtime');       | reflection.mjs:1:      | getClass is not a function
            stack.mjs          | function f(n) { return f(n + 1) + 1; } f(0);                   | stack.mjs:1:           | Maximum call stack size exceeded
            """)
    void anEscapeFailsWithAClearError(String name, String code, String location, String message) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("scripts"));
        Path script = Files.writeString(folder.resolve(name), code + "\n");

        Cli.Result result = causa.run(Duration.ofSeconds(30), "script", "run", script.toString());

        assertThat(result.exit()).as(result.toString()).isEqualTo(3);
        assertThat(result.out()).as(result.toString()).doesNotContain("outside the script folder", "root:");
        String firstLine = result.err().lines().findFirst().orElse("");
        assertThat(firstLine).as(result.toString()).startsWith("causa: " + location).contains(message);
        assertThat(result.err()).doesNotContain("at java.", "at org.graalvm", "at com.oracle", "at dev.causa");
    }

    @org.junit.jupiter.api.Test
    void exhaustingMemoryEndsTheScriptNotCausa() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("scripts"));
        Path script = Files.writeString(folder.resolve("hoard.mjs"),
                "const hoard = []; while (true) hoard.push(new Array(1000000).fill(42));\n");
        Cli bounded = new Cli(causa.home()).withJavaOption("-Xmx256m");

        Cli.Result result = bounded.run(Duration.ofSeconds(60), "script", "run", script.toString());

        assertThat(result.exit()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().lines().findFirst().orElse("")).as(result.toString())
                .startsWith("causa: ").contains("Java heap space");
        assertThat(result.err()).doesNotContain("at java.", "at org.graalvm", "at dev.causa");
        assertThat(causa.run("status").exit()).as("causa still works").isZero();
    }
}
