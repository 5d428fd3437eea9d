package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.values.WitValue;
import java.util.List;

/**
 * {@code wasi:filesystem}: no preopens, so no descriptor ever exists; the functions the preview1
 * adapter imports for stdio-only programs are defined (so such components link) and answer
 * {@code bad-descriptor}. {@code filesystem-error-code} is none (stream errors are not filesystem errors).
 */
public final class FilesystemBindings {
    private static final String DESCRIPTOR_STAT = "record { type: descriptor-type, link-count: u64, size: u64, "
            + "data-access-timestamp: option<datetime>, data-modification-timestamp: option<datetime>, "
            + "status-change-timestamp: option<datetime> }";

    private FilesystemBindings() {}

    public static void register(Binder b) {
        String t = Wasi.FS_TYPES;
        Binder.Fn bad = (c, a) -> WitValue.err(WitValue.enumCase(Wasi.FS_EC_BAD_DESCRIPTOR));
        b.resource(t, Wasi.DESCRIPTOR, null);
        b.fn(t, "[method]descriptor.read-via-stream", "func(self: borrow<descriptor>, offset: u64) -> result<own<input-stream>, fs-error-code>", bad);
        b.fn(t, "[method]descriptor.write-via-stream", "func(self: borrow<descriptor>, offset: u64) -> result<own<output-stream>, fs-error-code>", bad);
        b.fn(t, "[method]descriptor.append-via-stream", "func(self: borrow<descriptor>) -> result<own<output-stream>, fs-error-code>", bad);
        b.fn(t, "[method]descriptor.get-type", "func(self: borrow<descriptor>) -> result<descriptor-type, fs-error-code>", bad);
        b.fn(t, "[method]descriptor.stat", "func(self: borrow<descriptor>) -> result<" + DESCRIPTOR_STAT + ", fs-error-code>", bad);
        b.fn(t, "filesystem-error-code", "func(err: borrow<error>) -> option<fs-error-code>", (c, a) -> WitValue.none());
        b.fn(Wasi.FS_PREOPENS, "get-directories", "func() -> list<tuple<own<descriptor>, string>>", (c, a) -> WitValue.list(List.of()));
    }
}
