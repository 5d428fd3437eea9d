package dev.wharf.wasi.keyvalue.internal;

import dev.wharf.engine.StateKey;
import dev.wharf.wasi.keyvalue.BucketAccess;
import dev.wharf.wasi.keyvalue.KeyValueBackend;

/** An instance's keyvalue state: what its app may open, and where the data lives. */
public record KvSession(BucketAccess access, KeyValueBackend backend) {
    public static final StateKey<KvSession> KEY = StateKey.of("wasi:keyvalue");
}
