package dev.causa.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class LineParserTest {

    private static java.util.List<String> words(String line) {
        return LineParser.split(line, line.length()).arguments();
    }

    @Test
    void blanksSeparateAndQuotesGroup() {
        assertThat(words("job  list --state failed")).containsExactly("job", "list", "--state", "failed");
        assertThat(words("action run files.copy 'sources=/a b' \"destination=/c d\""))
                .containsExactly("action", "run", "files.copy", "sources=/a b", "destination=/c d");
        assertThat(words("a\\ b c")).containsExactly("a b", "c");
    }

    @Test
    void unquotedJsonStaysOneVerbatimWord() {
        assertThat(words("action run files.copy {\"sources\": [\"/a b\"], \"destination\": \"/c\"} --detach"))
                .containsExactly("action", "run", "files.copy", "{\"sources\": [\"/a b\"], \"destination\": \"/c\"}",
                        "--detach");
        assertThat(words("action replay 01ab '{\"x\": 1}'")).containsExactly("action", "replay", "01ab", "{\"x\": 1}");
    }

    @Test
    void anUnbalancedBracketOrQuoteAsksForAnotherLine() {
        LineParser parser = new LineParser();
        assertThatThrownBy(() -> parser.parse("action run files.copy {\"sources\": [\"/a\"],", 40,
                ParseContext.ACCEPT_LINE)).isInstanceOf(EOFError.class).hasMessageContaining("}");
        assertThatThrownBy(() -> parser.parse("job info 'abc", 13, ParseContext.ACCEPT_LINE))
                .isInstanceOf(EOFError.class);
        String joined = "action run files.copy {\"sources\": [\"/a\"],\n \"destination\": \"/b\"}";
        assertThat(parser.parse(joined, joined.length(), ParseContext.ACCEPT_LINE).words()).hasSize(4);
        // a brace inside a JSON string does not count
        assertThat(words("x {\"a\": \"}{\"}")).containsExactly("x", "{\"a\": \"}{\"}");
    }

    @Test
    void commentsAndBlankLinesAreNothing() {
        assertThat(words("  # job list")).isEmpty();
        assertThat(words("   ")).isEmpty();
    }

    @Test
    void completionSeesTheWordUnderTheCursor() {
        LineParser.Words at = LineParser.split("job info 01a", 12);
        assertThat(at.wordIndex()).isEqualTo(2);
        assertThat(at.word()).isEqualTo("01a");
        LineParser.Words next = LineParser.split("job ", 4);
        assertThat(next.wordIndex()).isEqualTo(1);
        assertThat(next.word()).isEmpty();
    }
}
