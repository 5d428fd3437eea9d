package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.StateKey;
import dev.wharf.wasi.http.internal.body.OutgoingBodyStream;
import java.util.List;
import java.util.Map;

/**
 * One request's host state, kept in the instance under {@link #KEY}: what the glue needs beyond
 * the objects in the resource tables.
 *
 * @param responseLimits chunking of the {@code outgoing-response} bodies the guest creates
 * @param environment what {@code wasi:cli/environment.get-environment} returns
 * @param outbound what {@code wasi:http/outgoing-handler} may reach, and its default timeouts
 * @param stdout the capture behind {@code wasi:cli/stdout}
 * @param stderr the capture behind {@code wasi:cli/stderr}
 */
public record WasiState(OutgoingBodyStream.Limits responseLimits, List<Map.Entry<String, String>> environment,
        dev.wharf.wasi.http.Outbound outbound, CaptureStream stdout, CaptureStream stderr) {
    public static final StateKey<WasiState> KEY = StateKey.of("wasi:http");

    /** Emits what is left in the stdio line buffers. */
    public void flushStdio() {
        stdout.end();
        stderr.end();
    }
}
