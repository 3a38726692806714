package dev.causa.repl;

import java.nio.file.Path;

/**
 * The global options the shell is started with ({@code causa --home DIR --store URL}, either or both); a command
 * line with anything else is a one-shot command.
 */
record ShellOptions(Path home, String store) {

    /** The options if {@code args} holds nothing but them (or nothing at all), else null. */
    static ShellOptions parse(String[] args) {
        Path home = null;
        String store = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--home=")) {
                home = Path.of(a.substring(7));
            } else if (a.startsWith("--store=")) {
                store = a.substring(8);
            } else if ((a.equals("--home") || a.equals("--store")) && i + 1 < args.length) {
                if (a.equals("--home")) home = Path.of(args[++i]);
                else store = args[++i];
            } else {
                return null;
            }
        }
        return new ShellOptions(home, store);
    }

    void applyTo(Session session) {
        if (home != null) session.setHome(home);
        if (store != null) session.setStoreUrl(store);
    }
}
