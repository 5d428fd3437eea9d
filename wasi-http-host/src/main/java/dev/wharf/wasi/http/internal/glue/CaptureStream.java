package dev.wharf.wasi.http.internal.glue;

import dev.wharf.wasi.http.internal.io.Pollable;
import dev.wharf.wasi.http.internal.io.Pollables;
import dev.wharf.wasi.http.internal.io.StreamErrorException;
import dev.wharf.wasi.http.internal.io.WasiOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * {@code wasi:cli/stdout} or {@code stderr} of one request: line-buffered, each complete line handed
 * to {@code sink}; at most {@code maxBytes} are kept for the request, then one {@code [output truncated]}
 * line and the rest is dropped (the guest never sees an error: logging must not fail a request).
 * Lines longer than {@code maxLineBytes} are split.
 */
public final class CaptureStream implements WasiOutputStream {
    private static final int MAX_LINE = 8192;
    private final Consumer<String> sink;
    private final long maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long total;
    private boolean truncated;

    public CaptureStream(Consumer<String> sink, long maxBytes) {
        this.sink = sink;
        this.maxBytes = maxBytes;
    }

    @Override
    public long checkWrite() {
        return 1 << 20;
    }

    @Override
    public synchronized void write(byte[] contents) throws StreamErrorException {
        for (byte b : contents) {
            if (truncated) {
                return;
            }
            if (total++ >= maxBytes) {
                emit();
                truncated = true;
                sink.accept("[output truncated]");
                return;
            }
            if (b == '\n') {
                emit();
            } else {
                line.write(b);
                if (line.size() >= MAX_LINE) {
                    emit();
                }
            }
        }
    }

    private void emit() {
        if (line.size() > 0) {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            sink.accept(s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
        }
    }

    @Override
    public void flush() {}

    @Override
    public Pollable subscribe() {
        return Pollables.ready();
    }

    /** Not a close of the capture: a guest dropping its handle to stdout does not end it. */
    @Override
    public void close() {}

    /** End of the request: emits an unterminated last line. */
    public synchronized void end() {
        emit();
    }
}
