package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.values.WitValue;
import java.util.List;

/**
 * {@code wasi:filesystem} (0.2): the whole interface, with no filesystem behind it. There are no preopens, so the
 * guest never holds a descriptor or a directory-entry stream: every method answers {@code bad-descriptor} (and
 * {@code is-same-object} false) should one ever be called. Defining all of it matters because toolchains import
 * far more than they use: wit-component's preview1 adapter imports {@code directory-entry-stream} and its reader,
 * TinyGo's wasip2 runtime imports {@code read}, {@code write}, {@code open-at} and most other methods. A component
 * that looks for files sees an empty filesystem instead of failing to link. {@code filesystem-error-code} is none
 * (stream errors are not filesystem errors).
 */
public final class FilesystemBindings {
    private FilesystemBindings() {}

    public static void register(Binder b) {
        String t = Wasi.FS_TYPES;
        Binder.Fn bad = (c, a) -> WitValue.err(WitValue.enumCase(Wasi.FS_EC_BAD_DESCRIPTOR));
        String self = "self: borrow<descriptor>";
        String err = "fs-error-code>";
        b.resource(t, Wasi.DESCRIPTOR, null);
        b.resource(t, Wasi.DIRECTORY_ENTRY_STREAM, null);
        b.fn(t, "[method]descriptor.read-via-stream", "func(" + self + ", offset: u64) -> result<own<input-stream>, " + err, bad);
        b.fn(t, "[method]descriptor.write-via-stream", "func(" + self + ", offset: u64) -> result<own<output-stream>, " + err, bad);
        b.fn(t, "[method]descriptor.append-via-stream", "func(" + self + ") -> result<own<output-stream>, " + err, bad);
        b.fn(t, "[method]descriptor.advise", "func(" + self + ", offset: u64, length: u64, advice: advice) -> result<_, " + err, bad);
        b.fn(t, "[method]descriptor.sync-data", "func(" + self + ") -> result<_, " + err, bad);
        b.fn(t, "[method]descriptor.get-flags", "func(" + self + ") -> result<descriptor-flags, " + err, bad);
        b.fn(t, "[method]descriptor.get-type", "func(" + self + ") -> result<descriptor-type, " + err, bad);
        b.fn(t, "[method]descriptor.set-size", "func(" + self + ", size: u64) -> result<_, " + err, bad);
        b.fn(t, "[method]descriptor.set-times", "func(" + self + ", data-access-timestamp: new-timestamp, "
                + "data-modification-timestamp: new-timestamp) -> result<_, " + err, bad);
        b.fn(t, "[method]descriptor.read", "func(" + self + ", length: u64, offset: u64) -> result<tuple<list<u8>, bool>, " + err, bad);
        b.fn(t, "[method]descriptor.write", "func(" + self + ", buffer: list<u8>, offset: u64) -> result<u64, " + err, bad);
        b.fn(t, "[method]descriptor.read-directory", "func(" + self + ") -> result<own<directory-entry-stream>, " + err, bad);
        b.fn(t, "[method]descriptor.sync", "func(" + self + ") -> result<_, " + err, bad);
        b.fn(t, "[method]descriptor.create-directory-at", "func(" + self + ", path: string) -> result<_, " + err, bad);
        b.fn(t, "[method]descriptor.stat", "func(" + self + ") -> result<descriptor-stat, " + err, bad);
        b.fn(t, "[method]descriptor.stat-at", "func(" + self + ", path-flags: path-flags, path: string) -> result<descriptor-stat, " + err, bad);
        b.fn(t, "[method]descriptor.set-times-at", "func(" + self + ", path-flags: path-flags, path: string, "
                + "data-access-timestamp: new-timestamp, data-modification-timestamp: new-timestamp) -> result<_, " + err, bad);
        b.fn(t, "[method]descriptor.link-at", "func(" + self + ", old-path-flags: path-flags, old-path: string, "
                + "new-descriptor: borrow<descriptor>, new-path: string) -> result<_, " + err, bad);
        b.fn(t, "[method]descriptor.open-at", "func(" + self + ", path-flags: path-flags, path: string, open-flags: open-flags, "
                + "flags: descriptor-flags) -> result<own<descriptor>, " + err, bad);
        b.fn(t, "[method]descriptor.readlink-at", "func(" + self + ", path: string) -> result<string, " + err, bad);
        b.fn(t, "[method]descriptor.remove-directory-at", "func(" + self + ", path: string) -> result<_, " + err, bad);
        b.fn(t, "[method]descriptor.rename-at", "func(" + self + ", old-path: string, new-descriptor: borrow<descriptor>, "
                + "new-path: string) -> result<_, " + err, bad);
        b.fn(t, "[method]descriptor.symlink-at", "func(" + self + ", old-path: string, new-path: string) -> result<_, " + err, bad);
        b.fn(t, "[method]descriptor.unlink-file-at", "func(" + self + ", path: string) -> result<_, " + err, bad);
        b.fn(t, "[method]descriptor.is-same-object", "func(" + self + ", other: borrow<descriptor>) -> bool",
                (c, a) -> WitValue.bool(false));
        b.fn(t, "[method]descriptor.metadata-hash", "func(" + self + ") -> result<metadata-hash-value, " + err, bad);
        b.fn(t, "[method]descriptor.metadata-hash-at", "func(" + self + ", path-flags: path-flags, path: string) "
                + "-> result<metadata-hash-value, " + err, bad);
        b.fn(t, "[method]directory-entry-stream.read-directory-entry",
                "func(self: borrow<directory-entry-stream>) -> result<option<directory-entry>, " + err, bad);
        b.fn(t, "filesystem-error-code", "func(err: borrow<error>) -> option<fs-error-code>", (c, a) -> WitValue.none());
        b.fn(Wasi.FS_PREOPENS, "get-directories", "func() -> list<tuple<own<descriptor>, string>>", (c, a) -> WitValue.list(List.of()));
    }
}
