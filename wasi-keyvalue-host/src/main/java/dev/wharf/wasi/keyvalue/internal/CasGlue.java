package dev.wharf.wasi.keyvalue.internal;

import static dev.wharf.wasi.keyvalue.internal.Types.OPTIONAL_BYTES;
import static dev.wharf.wasi.keyvalue.internal.Types.STRING;
import static dev.wharf.wasi.keyvalue.internal.Types.func;
import static dev.wharf.wasi.keyvalue.internal.Types.result;
import static dev.wharf.wasi.keyvalue.internal.WitResults.bucket;
import static dev.wharf.wasi.keyvalue.internal.WitResults.optionalBytes;
import static dev.wharf.wasi.keyvalue.internal.WitResults.string;

import dev.wharf.engine.Caller;
import dev.wharf.engine.Linker;
import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.OwnType;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.keyvalue.BucketId;
import dev.wharf.wasi.keyvalue.KeyValueBackend;
import dev.wharf.wasi.keyvalue.Versioned;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code wasi:keyvalue/atomics@0.2.0-draft2}'s {@code cas} resource: a key's value and version as read at
 * {@code cas.new}; {@link AtomicsGlue}'s {@code swap} writes only if the version is still current.
 */
public final class CasGlue {
    /** The state behind a guest's {@code cas} handle. */
    record Cas(BucketId bucket, KeyValueBackend backend, String key, Optional<Versioned> read) {
        static Cas load(BucketId bucket, KeyValueBackend backend, String key) {
            backend.limits().checkKey(key);
            return new Cas(bucket, backend, key, backend.getVersioned(bucket, key));
        }

        OptionalLong expectedVersion() {
            return read.isPresent() ? OptionalLong.of(read.get().version()) : OptionalLong.empty();
        }
    }

    private CasGlue() {
    }

    public static void register(Linker linker, KvVersion v) {
        String atomics = v.atomics;
        linker.defineResource(atomics, v.cas, null);
        linker.define(atomics, "[static]cas.new",
                func(result(new OwnType(v.cas), v.error), "bucket", new BorrowType(v.bucket), "key", STRING),
                (caller, args) -> WitResults.result(() -> {
                    OpenBucket b = bucket(caller, v, args.get(0));
                    return insert(caller, v, Cas.load(b.id(), b.backend(), string(args.get(1))));
                }));
        linker.define(atomics, "[method]cas.current", func(result(OPTIONAL_BYTES, v.error), "self", new BorrowType(v.cas)),
                (caller, args) -> WitResults.result(() -> {
                    Cas cas = caller.<Cas>resources(v.cas).get(args.get(0));
                    return optionalBytes(cas.read().map(r -> r.value().clone()));
                }));
    }

    static WitValue insert(Caller caller, KvVersion v, Cas cas) {
        return caller.resources(v.cas).insert(cas);
    }
}
