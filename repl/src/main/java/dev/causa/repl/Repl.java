package dev.causa.repl;

/** The interactive shell; a minimal line loop until the JLine REPL lands. */
final class Repl {

    private Repl() {
    }

    static int run(String[] args) {
        System.err.println("causa: the interactive shell is not built yet; give a command (causa --help)");
        return 1;
    }
}
