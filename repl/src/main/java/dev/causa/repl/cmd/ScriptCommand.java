package dev.causa.repl.cmd;

import dev.causa.engine.script.ScriptError;
import dev.causa.engine.script.ScriptRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code script run}: JavaScript automation over the engine (docs/scripting.md). */
@Command(name = "script", description = "Run JavaScript automation scripts.",
        subcommands = {ScriptCommand.Run.class})
final class ScriptCommand {

    @Command(name = "run", description = {"Run a script (.mjs: ES module with top-level await; .js: classic script).",
            "It sees the global `causa` API and `console`; its actions are initiated by script:<file name>.",
            "Script arguments that start with '-' go after '--'."})
    static final class Run extends SessionCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "The script: file.js or file.mjs.")
        Path file;
        @Parameters(index = "1..*", paramLabel = "ARGS", arity = "0..*", description = "Given to the script as causa.args.")
        List<String> args = List.of();
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
                description = "Stop the script after this many seconds (default 300); jobs it started keep running.")
        double timeout;

        @Override
        public Integer call() {
            Duration limit = Timeouts.of(timeout);
            session().causaWithWorkers();
            ScriptRunner runner = causa().scripts();
            try {
                runner.runFile(file, args, limit, new ScriptRunner.Output(out(), session().err()));
                return 0;
            } catch (ScriptError e) {
                return Timeouts.report(session(), e);
            }
        }
    }
}
