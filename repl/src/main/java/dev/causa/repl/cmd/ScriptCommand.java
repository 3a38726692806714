package dev.causa.repl.cmd;

import dev.causa.engine.script.ScriptError;
import dev.causa.engine.script.ScriptRunner;
import dev.causa.repl.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code script run}: JavaScript automation over the engine (docs/scripting.md). */
@Command(name = "script", mixinStandardHelpOptions = true, description = "Run JavaScript automation scripts.",
        subcommands = {ScriptCommand.Run.class})
final class ScriptCommand {

    @Command(name = "run", mixinStandardHelpOptions = true, description = {
            "Run a script (.mjs: ES module with top-level await; .js: classic script).",
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
            Duration limit = ScriptCommands.timeout(timeout);
            session().causaWithWorkers();
            ScriptRunner runner = new ScriptRunner(causa());
            try {
                runner.runFile(session().resolve(file), args, limit, new ScriptRunner.Output(out(), session().err()));
                return 0;
            } catch (ScriptError e) {
                return ScriptCommands.report(session(), e);
            } finally {
                noteUnfinished();
            }
        }

        /** A one-shot process is about to exit: say what happens to jobs the script left running. */
        private void noteUnfinished() {
            if (session().mode() != Session.Mode.CLI) return;
            String by = "script:" + file.getFileName();
            long unfinished = causa().activeJobs().stream()
                    .filter(j -> j.isRunningOrQueued() && by.equals(j.initiatedBy())).count();
            if (unfinished > 0) {
                session().err().println("causa: " + unfinished + " job(s) the script started are unfinished: they"
                        + " continue the next time causa runs workers (e.g. causa job watch)");
                session().err().flush();
            }
        }
    }
}
