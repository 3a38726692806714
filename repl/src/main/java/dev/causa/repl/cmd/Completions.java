package dev.causa.repl.cmd;

import dev.causa.engine.model.JobState;
import dev.causa.engine.store.JobQuery;
import dev.causa.engine.model.JobRecord;
import dev.causa.repl.Session;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Completion candidates for arguments, read from the REPL's open engine. Picocli instantiates these by class,
 * so the session is registered here once by the REPL; without an open engine there are no dynamic candidates.
 */
public final class Completions {

    private static volatile Session session;

    private Completions() {
    }

    public static void use(Session replSession) {
        session = replSession;
    }

    private static List<String> whenOpen(java.util.function.Function<Session, List<String>> read) {
        Session s = session;
        if (s == null || !s.isOpen()) return List.of();
        try {
            return read.apply(s);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Installed action types. */
    public static final class ActionTypes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return whenOpen(s -> s.causa().actionTypes().stream().map(a -> a.type()).toList()).iterator();
        }
    }

    /** Job ids, newest first. */
    public static final class JobIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return whenOpen(s -> s.causa().jobs(JobQuery.all(200)).stream().map((JobRecord j) -> j.id).toList())
                    .iterator();
        }
    }

    /** Job states. */
    public static final class States implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(JobState.values()).map(JobState::label).iterator();
        }
    }

    /** Plugin ids. */
    public static final class PluginIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return whenOpen(s -> s.causa().pluginIds()).iterator();
        }
    }
}
