package dev.causa.repl.cmd;

import dev.causa.engine.model.CausaException;
import dev.causa.engine.script.TypeDeclarations;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code types}: TypeScript declarations and JSON Schemas for scripts. */
@Command(name = "types", mixinStandardHelpOptions = true, description = {
        "Write causa.d.ts (the script API and one input interface per installed action)",
        "and schemas/<action-type>.input.schema.json for every action input."})
final class TypesCommand extends SessionCommand {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Where to write (default: here).")
    Path dir;

    @Override
    public Integer call() {
        List<Path> written;
        try {
            written = TypeDeclarations.write(causa().actionTypes(), session().resolve(dir));
        } catch (IOException e) {
            throw new CausaException(CausaException.Kind.ENGINE, "cannot write types to " + dir + ": " + e.getMessage(), e);
        }
        written.forEach(p -> out().println("wrote " + p));
        return 0;
    }
}
