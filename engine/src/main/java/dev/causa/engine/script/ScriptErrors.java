package dev.causa.engine.script;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/**
 * Turns what GraalJS reports into what a script's author needs: {@code file:line:column: Error: message} and the
 * JavaScript frames, paths shown relative to the script's folder. Java frames are never shown.
 */
final class ScriptErrors {

    /** A frame of a JavaScript stack: {@code at name (file:line:col)} or {@code at file:line:col}. */
    private static final Pattern FRAME = Pattern.compile("^\\s*at (?:.*? \\()?(.+?):(\\d+):(\\d+)\\)?\\s*$");

    /** GraalJS puts a syntax error's place after the name: {@code SyntaxError: /path/a.mjs:1:10 Expected ...}. */
    private static final Pattern SYNTAX_AT = Pattern.compile("SyntaxError: (\\S+:\\d+:\\d+) ");

    private ScriptErrors() {
    }

    static ScriptError of(PolyglotException e, Path folder) {
        if (e.isSyntaxError()) {
            String text = e.getMessage().startsWith("SyntaxError") ? e.getMessage() : "SyntaxError: " + e.getMessage();
            text = relative(text, folder);
            Matcher located = SYNTAX_AT.matcher(text);
            if (located.lookingAt()) text = located.group(1) + ": SyntaxError: " + text.substring(located.end());
            return new ScriptError(ScriptError.Reason.SYNTAX, text.stripTrailing());
        }
        if (e.isResourceExhausted()) {
            // the heap or the stack ran out: the engine survives, the script ends
            return new ScriptError(ScriptError.Reason.ERROR, "the script ran out of resources ("
                    + e.getMessage() + "); the jobs it started keep running");
        }
        if (e.isGuestException() && e.getGuestObject() != null && !e.getGuestObject().isNull()) {
            return of(e.getGuestObject(), folder, e);
        }
        // an error outside JavaScript (a host failure); show its message, keep its frames out
        List<String> frames = new ArrayList<>();
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && frame.getSourceLocation() != null) frames.add("    at " + frame);
        }
        return new ScriptError(ScriptError.Reason.ERROR,
                relative(e.getMessage() + (frames.isEmpty() ? "" : "\n" + String.join("\n", frames)), folder));
    }

    /** An error value the script threw or a promise rejected with. */
    static ScriptError of(Value error, Path folder) {
        return of(error, folder, null);
    }

    private static ScriptError of(Value error, Path folder, PolyglotException thrown) {
        String stack = null;
        if (error.hasMembers() && error.hasMember("stack")) {
            Value s = error.getMember("stack");
            if (s.isString()) stack = s.asString();
        }
        String text = stack != null ? stack : error.isString() ? "Uncaught " + error.asString() : error.toString();
        boolean syntax = text.startsWith("SyntaxError");
        Matcher located = SYNTAX_AT.matcher(text);
        if (syntax && located.lookingAt()) {
            text = located.group(1) + ": SyntaxError: " + text.substring(located.end());
        }
        String[] lines = relative(text, folder).split("\n");
        String location = null;
        for (int i = 1; i < lines.length && location == null; i++) {
            Matcher m = FRAME.matcher(lines[i]);
            if (m.matches()) location = m.group(1) + ":" + m.group(2) + ":" + m.group(3);
        }
        if (location == null && thrown != null && thrown.getSourceLocation() != null) {
            SourceSection at = thrown.getSourceLocation();
            location = name(at.getSource().getName(), folder) + ":" + at.getStartLine() + ":" + at.getStartColumn();
        }
        StringBuilder message = new StringBuilder();
        if (location != null && !lines[0].contains(location)) message.append(location).append(": ");
        message.append(lines[0]);
        for (int i = 1; i < lines.length; i++) message.append('\n').append(lines[i]);
        ScriptError.Reason reason = syntax ? ScriptError.Reason.SYNTAX : ScriptError.Reason.ERROR;
        return new ScriptError(reason, message.toString(), kindOf(error, reason));
    }

    /** An uncaught engine error (the API's errors carry a code) keeps its exit code. */
    private static dev.causa.engine.model.CausaException.Kind kindOf(Value error, ScriptError.Reason reason) {
        if (error.hasMembers() && error.hasMember("code") && error.getMember("code").isString()) {
            try {
                return dev.causa.engine.model.CausaException.Kind.valueOf(error.getMember("code").asString());
            } catch (IllegalArgumentException notOurs) {
                // a code the script set itself
            }
        }
        return reason.kind;
    }

    private static String name(String path, Path folder) {
        return relative(path, folder);
    }

    private static String relative(String text, Path folder) {
        if (folder == null) return text;
        String prefix = folder.toAbsolutePath().normalize() + "/";
        String out = text.replace("file://" + prefix, "").replace(prefix, "");
        try {
            String real = folder.toRealPath() + "/";
            out = out.replace("file://" + real, "").replace(real, "");
        } catch (java.io.IOException ignored) {
            // the folder is gone; paths stay absolute
        }
        return out;
    }
}
