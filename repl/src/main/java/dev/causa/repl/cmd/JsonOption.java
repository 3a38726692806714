package dev.causa.repl.cmd;

import picocli.CommandLine.Option;

/** The {@code --json} option shared by every listing and info command. */
final class JsonOption {

    @Option(names = "--json", description = "Machine output: JSON on stdout and nothing else there.")
    boolean json;
}
