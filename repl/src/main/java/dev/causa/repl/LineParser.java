package dev.causa.repl;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;

/**
 * Splits a shell line into words the way a user of the REPL expects: blanks separate words, single and double
 * quotes group, a backslash escapes the next character, and a JSON object or array typed without quotes
 * ({@code action run files.copy {"sources": ["/a"]}}) stays one word, verbatim, up to its balanced end. An
 * unclosed quote or bracket asks for another line, so JSON can span lines. A line starting with {@code #} is a
 * comment.
 */
final class LineParser implements Parser {

    @Override
    public Words parse(String line, int cursor, ParseContext context) {
        Words words = split(line, cursor);
        if (context == ParseContext.ACCEPT_LINE || context == ParseContext.SECONDARY_PROMPT) {
            if (words.missing != null) throw new EOFError(-1, -1, "missing " + words.missing, words.missing);
        }
        return words;
    }

    /** The words of a line; never throws. */
    static Words split(String line, int cursor) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int wordStart = -1;
        int wordIndex = -1;
        int wordCursor = 0;
        int rawStart = cursor;
        char quote = 0;
        StringBuilder brackets = new StringBuilder();
        boolean comment = !line.isEmpty() && line.stripLeading().startsWith("#");
        int i = 0;
        for (; i < line.length() && !comment; i++) {
            char c = line.charAt(i);
            if (i == cursor && word != null) {
                wordIndex = words.size();
                wordCursor = word.length();
                rawStart = wordStart;
            }
            if (!brackets.isEmpty()) {
                word.append(c);
                if (quote != 0) {
                    if (c == '\\' && i + 1 < line.length()) word.append(line.charAt(++i));
                    else if (c == quote) quote = 0;
                } else if (c == '"') {
                    quote = c;
                } else if (c == '{' || c == '[') {
                    brackets.append(c == '{' ? '}' : ']');
                } else if (c == brackets.charAt(brackets.length() - 1)) {
                    brackets.setLength(brackets.length() - 1);
                }
                continue;
            }
            if (quote != 0) {
                if (c == quote) quote = 0;
                else if (c == '\\' && quote == '"' && i + 1 < line.length()) word.append(line.charAt(++i));
                else word.append(c);
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
                wordStart = i;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
            } else if ((c == '{' || c == '[') && word.isEmpty()) {
                word.append(c);
                brackets.append(c == '{' ? '}' : ']');
            } else {
                word.append(c);
            }
        }
        if (wordIndex < 0) {
            if (word != null && cursor >= wordStart) {
                wordIndex = words.size();
                wordCursor = word.length();
                rawStart = wordStart;
            } else {
                // the cursor is on a blank: completing starts a new word
                wordIndex = word == null ? words.size() : words.size() + 1;
                wordCursor = 0;
                rawStart = cursor;
            }
        }
        if (word != null) words.add(word.toString());
        boolean added = wordIndex >= words.size();
        if (added) words.add("");
        String missing = quote != 0 ? String.valueOf(quote) : brackets.isEmpty() ? null
                : brackets.reverse().toString();
        return new Words(line, cursor, words, wordIndex, wordCursor, Math.max(0, cursor - rawStart), missing,
                comment, added);
    }

    /** A parsed line; {@code missing} is what would close it, or null when it is complete. */
    static final class Words implements CompletingParsedLine {
        private final String line;
        private final int cursor;
        private final List<String> words;
        private final int wordIndex;
        private final int wordCursor;
        private final int rawWordCursor;
        final String missing;
        final boolean comment;
        private final boolean addedEmpty;

        Words(String line, int cursor, List<String> words, int wordIndex, int wordCursor, int rawWordCursor,
              String missing, boolean comment, boolean addedEmpty) {
            this.addedEmpty = addedEmpty;
            this.line = line;
            this.cursor = cursor;
            this.words = words;
            this.wordIndex = wordIndex;
            this.wordCursor = wordCursor;
            this.rawWordCursor = rawWordCursor;
            this.missing = missing;
            this.comment = comment;
        }

        /** The words to execute: without the empty word added for completion at the end. */
        List<String> arguments() {
            if (comment) return List.of();
            List<String> out = new ArrayList<>(words);
            if (addedEmpty) out.removeLast();
            return out;
        }

        @Override
        public String word() {
            return words.get(wordIndex);
        }

        @Override
        public int wordCursor() {
            return wordCursor;
        }

        @Override
        public int wordIndex() {
            return wordIndex;
        }

        @Override
        public List<String> words() {
            return words;
        }

        @Override
        public String line() {
            return line;
        }

        @Override
        public int cursor() {
            return cursor;
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < candidate.length(); i++) {
                char c = candidate.charAt(i);
                if (Character.isWhitespace(c) || c == '\'' || c == '"' || c == '\\') out.append('\\');
                out.append(c);
            }
            return out;
        }

        @Override
        public int rawWordCursor() {
            return rawWordCursor;
        }

        @Override
        public int rawWordLength() {
            return rawWordCursor;
        }
    }
}
