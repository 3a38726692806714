package dev.causa.repl.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attach protocol's frames, requests and text, without a socket. */
class FramesTest {

    private static byte[] frames(Frames.Type type, byte[]... payloads) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var channel = Channels.newChannel(bytes);
        for (byte[] p : payloads) Frames.write(channel, type, p);
        return bytes.toByteArray();
    }

    @Test
    void framesReadBackInOrderWithTypeAndPayload() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var out = Channels.newChannel(bytes);
        Frames.write(out, Frames.Type.STDOUT, "hello\n".getBytes(StandardCharsets.UTF_8));
        Frames.write(out, Frames.Type.INTERRUPT, new byte[0]);
        Frames.write(out, Frames.Type.EXIT, ByteBuffer.allocate(4).putInt(130).array());
        var in = Channels.newChannel(new ByteArrayInputStream(bytes.toByteArray()));

        Frames.Frame first = Frames.read(in);
        assertThat(first.type()).isEqualTo(Frames.Type.STDOUT);
        assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
        assertThat(Frames.read(in).type()).isEqualTo(Frames.Type.INTERRUPT);
        assertThat(Frames.read(in).exitCode()).isEqualTo(130);
        assertThat(Frames.read(in)).as("the end of the stream between frames").isNull();
    }

    @Test
    void aStreamThatEndsInsideAFrameIsAnError() throws IOException {
        byte[] whole = frames(Frames.Type.STDERR, "a line".getBytes(StandardCharsets.UTF_8));
        var cut = Channels.newChannel(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 2)));
        assertThatThrownBy(() -> Frames.read(cut)).isInstanceOf(EOFException.class);
    }

    @Test
    void unknownTypesAndOversizedLengthsAreRefused() {
        byte[] unknown = {'Z', 0, 0, 0, 0};
        assertThatThrownBy(() -> Frames.read(Channels.newChannel(new ByteArrayInputStream(unknown))))
                .hasMessageContaining("not a causa attach frame");
        byte[] huge = ByteBuffer.allocate(5).put((byte) 'O').putInt(Frames.MAX_LENGTH + 1).array();
        assertThatThrownBy(() -> Frames.read(Channels.newChannel(new ByteArrayInputStream(huge))))
                .hasMessageContaining("bad frame length");
    }

    @Test
    void aRequestKeepsArgvCwdEnvironmentAndTerminal() throws IOException {
        AttachRequest sent = new AttachRequest(List.of("job", "list", "--json", "ünïcode '{\"a\":1}'"),
                Path.of("/work/here"), Map.of("NO_COLOR", "1", "COLUMNS", "120"), true, "alice", "cli");
        AttachRequest got = AttachRequest.decode(sent.encode());
        assertThat(got).isEqualTo(sent);
        assertThat(got.ansi()).as("NO_COLOR turns colours off as it does locally").isFalse();
        assertThat(new AttachRequest(List.of(), Path.of("/"), Map.of("TERM", "xterm"), true, "a", "repl").ansi())
                .isTrue();
    }

    @Test
    void aRequestWithARelativeDirectoryIsRefused() {
        byte[] bad = "{\"argv\":[],\"cwd\":\"relative\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AttachRequest.decode(bad)).hasMessageContaining("not absolute");
    }

    @Test
    void textCutInsideACharacterIsJoinedAcrossFrames() throws IOException {
        byte[] bytes = "größe ✓".getBytes(StandardCharsets.UTF_8);
        StringWriter text = new StringWriter();
        TextSink sink = new TextSink(text);
        for (byte b : bytes) sink.write(new byte[]{b}, 0, 1); // every byte its own frame
        assertThat(text.toString()).isEqualTo("größe ✓");
    }
}
