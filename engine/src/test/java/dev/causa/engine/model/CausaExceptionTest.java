package dev.causa.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An error meant for the user stays one line of bounded length, whatever input it echoes. */
class CausaExceptionTest {

    @Test
    void lineBreaksAndControlCharactersInEchoedInputAreEscaped() {
        CausaException e = CausaException.badInput("field 'conflict': 'line\nbreak\r\t\u0000' is not a valid Conflict");
        assertThat(e.getMessage()).isEqualTo("field 'conflict': 'line\\nbreak\\r\\t\\u0000' is not a valid Conflict");
    }

    @Test
    void aHugeEchoedInputKeepsTheStartAndTheEndOfTheMessage() {
        String message = "sources: no such file or directory: /" + "x".repeat(300_000) + " (see causa action info)";
        String shown = CausaException.badInput(message).getMessage();
        assertThat(shown).hasSizeLessThan(1_100).startsWith("sources: no such file or directory: /xxx")
                .contains("(300061 characters)").endsWith("xxx (see causa action info)");
    }

    @Test
    void shortMessagesAreKeptAsTheyAre() {
        assertThat(CausaException.notFound("unknown action type 'files.copyy'").getMessage())
                .isEqualTo("unknown action type 'files.copyy'");
    }
}
