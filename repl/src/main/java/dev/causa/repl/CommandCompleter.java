package dev.causa.repl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Tab completion read from the picocli declarations: sub-commands, options, and each argument's
 * {@code completionCandidates} (action types, job ids newest first, plugin ids, states), file paths for
 * arguments of type {@link Path} or {@link File}, and for {@code action run TYPE} the input fields of that
 * action as {@code key=} with enum values and paths after the {@code =}.
 */
final class CommandCompleter implements Completer {

    private final CommandLine root;
    private final Session session;

    CommandCompleter(CommandLine root, Session session) {
        this.root = root;
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int current = line.wordIndex();
        String prefix = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        CommandLine command = root;
        ArgSpec pendingValue = null;
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < current; i++) {
            String word = words.get(i);
            if (pendingValue != null) {
                pendingValue = null;
            } else if (word.startsWith("-") && positionals.isEmpty()) {
                OptionSpec option = command.getCommandSpec().findOption(word.split("=", 2)[0]);
                if (option != null && option.arity().max() > 0 && !word.contains("=")) pendingValue = option;
            } else if (positionals.isEmpty() && command.getSubcommands().containsKey(word)) {
                command = command.getSubcommands().get(word);
            } else {
                positionals.add(word);
            }
        }
        CommandSpec spec = command.getCommandSpec();
        if (pendingValue != null) {
            values(pendingValue, prefix, candidates);
        } else if (prefix.startsWith("-")) {
            for (OptionSpec option : spec.options()) {
                if (option.hidden()) continue;
                for (String name : option.names()) {
                    if (name.startsWith("--") || option.names().length == 1) {
                        candidates.add(new Candidate(name, name, null, first(option.description()), null, null,
                                option.arity().max() == 0));
                    }
                }
            }
        } else if (spec.helpCommand() && spec.parent() != null) {
            if (positionals.isEmpty()) subcommands(spec.parent().commandLine(), candidates);
        } else if (!command.getSubcommands().isEmpty() && positionals.isEmpty()) {
            subcommands(command, candidates);
        } else {
            PositionalParamSpec positional = positional(spec, positionals.size());
            if (positional != null && isActionInput(spec, positional)) {
                inputFields(positionals.getFirst(), prefix, candidates);
            } else if (positional != null) {
                values(positional, prefix, candidates);
            }
        }
    }

    private static void subcommands(CommandLine command, List<Candidate> candidates) {
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            CommandSpec spec = sub.getValue().getCommandSpec();
            if (spec.usageMessage().hidden()) continue;
            candidates.add(new Candidate(sub.getKey(), sub.getKey(), null, first(spec.usageMessage().description()),
                    null, null, true));
        }
    }

    private static PositionalParamSpec positional(CommandSpec spec, int index) {
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.index().contains(index)) return p;
        }
        return null;
    }

    /** Candidates of an option value or a positional: declared candidates, enum constants, or file paths. */
    private static void values(ArgSpec arg, String prefix, List<Candidate> candidates) {
        Iterable<String> declared = arg.completionCandidates();
        Class<?> type = arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
        if (declared != null) {
            int order = 0;
            for (String value : declared) {
                // keep the declared order (job ids newest first) instead of sorting
                candidates.add(new Candidate(value, value, null, null, null, null, true, order++));
            }
        } else if (type == Path.class || type == File.class) {
            paths("", prefix, candidates);
        }
    }

    private static boolean isActionInput(CommandSpec spec, PositionalParamSpec positional) {
        return spec.qualifiedName().equals("causa action run") && positional.index().min() == 1;
    }

    /** {@code key=} for each input field of the action; after {@code key=}, its enum values or paths. */
    private void inputFields(String actionType, String prefix, List<Candidate> candidates) {
        if (!session.isOpen()) return;
        JsonNode properties;
        try {
            properties = session.causa().actionInfo(actionType).inputSchema().path("properties");
        } catch (RuntimeException unknownType) {
            return;
        }
        int eq = prefix.indexOf('=');
        if (eq < 0) {
            properties.fieldNames().forEachRemaining(key -> candidates.add(
                    new Candidate(key + "=", key + "=", null, properties.path(key).path("type").asText(null),
                            null, null, false)));
            return;
        }
        String key = prefix.substring(0, eq + 1);
        JsonNode field = properties.path(prefix.substring(0, eq));
        JsonNode values = field.has("enum") ? field.get("enum") : field.path("items").path("enum");
        if (values.isArray() && !values.isEmpty()) {
            values.forEach(v -> candidates.add(new Candidate(key + v.asText(), v.asText(), null, null, null, null,
                    true)));
        } else {
            String value = prefix.substring(eq + 1);
            // a list is comma-separated: complete the last element
            int comma = field.path("type").asText().equals("array") ? value.lastIndexOf(',') : -1;
            paths(key + value.substring(0, comma + 1), value.substring(comma + 1), candidates);
        }
    }

    /** File names under the directory part of {@code prefix}; directories end with '/' and stay open. */
    private static void paths(String lead, String prefix, List<Candidate> candidates) {
        int slash = prefix.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : prefix.substring(0, slash + 1);
        String namePart = prefix.substring(slash + 1);
        String expanded = dirPart.startsWith("~/") ? System.getProperty("user.home") + dirPart.substring(1) : dirPart;
        Path dir = Path.of(expanded.isEmpty() ? "." : expanded);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(namePart) || (name.startsWith(".") && !namePart.startsWith("."))) continue;
                boolean directory = Files.isDirectory(entry);
                String value = lead + dirPart + name + (directory ? "/" : "");
                candidates.add(new Candidate(value, name + (directory ? "/" : ""), null, null, null, null,
                        !directory));
            }
        } catch (IOException | RuntimeException unreadable) {
            // nothing to offer
        }
    }

    private static String first(String[] lines) {
        return lines == null || lines.length == 0 ? null : lines[0].replace("%n", " ");
    }
}
