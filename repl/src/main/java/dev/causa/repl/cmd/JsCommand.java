package dev.causa.repl.cmd;

import dev.causa.engine.script.ScriptError;
import dev.causa.engine.script.ScriptRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code js '<code>'}: evaluate JavaScript against the engine and print the result. */
@Command(name = "js", mixinStandardHelpOptions = true, description = {
        "Evaluate JavaScript with the `causa` API and print its value (as JSON unless a string).",
        "await works: causa js 'await causa.actions.run(\"files.copy\", {...})'"})
final class JsCommand extends SessionCommand {

    @Parameters(index = "0", paramLabel = "CODE", description = "An expression or statements.")
    String code;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Stop after this many seconds (default 60); jobs it started keep running.")
    double timeout;

    @Override
    public Integer call() {
        ScriptRunner runner = new ScriptRunner(causa());
        try {
            String value = runner.evaluate(code, session().initiator(), ScriptCommands.timeout(timeout),
                    new ScriptRunner.Output(out(), session().err()));
            if (value != null) out().println(value);
            out().flush();
            return 0;
        } catch (ScriptError e) {
            return ScriptCommands.report(session(), e);
        }
    }
}
