package dev.wharf.wasi.http.internal.glue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureStreamTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void emitsCompleteLinesAndTheUnterminatedRestAtTheEnd() throws Exception {
        List<String> lines = new ArrayList<>();
        CaptureStream out = new CaptureStream(lines::add, 1024);
        out.write(b("one\ntw"));
        out.write(b("o\r\n\nthr"));
        assertThat(lines).containsExactly("one", "two");
        out.end();
        assertThat(lines).containsExactly("one", "two", "thr");
    }

    @Test
    void capsTheBytesPerRequestWithOneMarker() throws Exception {
        List<String> lines = new ArrayList<>();
        CaptureStream out = new CaptureStream(lines::add, 10);
        out.write(b("12345\n6789012345\nmore\n"));
        out.write(b("and more\n"));
        out.end();
        assertThat(lines).containsExactly("12345", "6789", "[output truncated]");
        assertThat(out.checkWrite()).as("the guest never sees an error").isPositive();
    }

    @Test
    void splitsVeryLongLines() throws Exception {
        List<String> lines = new ArrayList<>();
        CaptureStream out = new CaptureStream(lines::add, 1 << 20);
        out.write(new byte[20_000]);
        out.end();
        assertThat(lines).hasSize(3);
    }
}
