package dev.wharf.wasi.keyvalue.internal;

import dev.wharf.engine.StateKey;
import dev.wharf.wasi.keyvalue.BucketAccess;
import dev.wharf.wasi.keyvalue.KeyValueBackend;
import dev.wharf.wasi.keyvalue.KeyValueObserver;

/** An instance's keyvalue state: what its app may open, where the data lives, and who is told about opens. */
public record KvSession(BucketAccess access, KeyValueBackend backend, KeyValueObserver observer) {
    public static final StateKey<KvSession> KEY = StateKey.of("wasi:keyvalue");
}
