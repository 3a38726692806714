package dev.causa.repl.cmd;

import dev.causa.engine.Causa;
import dev.causa.engine.json.Json;
import dev.causa.repl.Session;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works on the session of the root command; returns its exit code. */
abstract class SessionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    Session session() {
        return ((RootCommand) spec.root().userObject()).session();
    }

    Causa causa() {
        return session().causa();
    }

    PrintWriter out() {
        return session().out();
    }

    boolean ansi() {
        return session().ansi();
    }

    /** Machine output: the value as JSON on stdout and nothing else there. */
    int printJson(Object value) {
        out().println(Json.pretty(value));
        out().flush();
        return 0;
    }
}
