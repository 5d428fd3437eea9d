package dev.wharf.wasi.keyvalue.internal;

import static dev.wharf.wasi.keyvalue.internal.Types.BYTES;
import static dev.wharf.wasi.keyvalue.internal.Types.OPTIONAL_BYTES;
import static dev.wharf.wasi.keyvalue.internal.Types.STRING;
import static dev.wharf.wasi.keyvalue.internal.Types.func;
import static dev.wharf.wasi.keyvalue.internal.Types.result;
import static dev.wharf.wasi.keyvalue.internal.WitResults.bucket;
import static dev.wharf.wasi.keyvalue.internal.WitResults.bytes;
import static dev.wharf.wasi.keyvalue.internal.WitResults.option;
import static dev.wharf.wasi.keyvalue.internal.WitResults.optionalBytes;
import static dev.wharf.wasi.keyvalue.internal.WitResults.string;

import dev.wharf.engine.Linker;
import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.OwnType;
import dev.wharf.engine.types.PrimitiveType;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.keyvalue.BucketId;
import dev.wharf.wasi.keyvalue.KeyPage;
import dev.wharf.wasi.keyvalue.KeyValueException;
import dev.wharf.wasi.keyvalue.KeyValueObserver;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code wasi:keyvalue/store}: {@code open} and the {@code bucket} resource's methods. */
public final class BucketGlue {
    private BucketGlue() {
    }

    public static void register(Linker linker, KvVersion v) {
        String store = v.store;
        BorrowType self = new BorrowType(v.bucket);
        linker.defineResource(store, v.bucket, null);
        linker.define(store, "open", func(result(new OwnType(v.bucket), v.error), "identifier", STRING),
                (caller, args) -> WitResults.result(() -> {
                    KvSession session = caller.state(KvSession.KEY);
                    if (session == null) {
                        throw KeyValueException.noSuchStore("keyvalue is not configured for this app");
                    }
                    long start = System.nanoTime();
                    BucketId id;
                    try {
                        id = session.access().open(string(args.get(0)));
                    } catch (KeyValueException e) {
                        session.observer().operation(session.access().tenant(), "open", KeyValueObserver.outcome(e),
                                System.nanoTime() - start);
                        throw e;
                    }
                    session.observer().operation(session.access().tenant(), "open", "ok", System.nanoTime() - start);
                    return caller.resources(v.bucket).insert(new OpenBucket(id, session.backend()));
                }));
        linker.define(store, "[method]bucket.get", func(result(OPTIONAL_BYTES, v.error), "self", self, "key", STRING),
                (caller, args) -> WitResults.result(() -> {
                    OpenBucket b = bucket(caller, v, args.get(0));
                    return optionalBytes(b.backend().get(b.id(), string(args.get(1))));
                }));
        linker.define(store, "[method]bucket.set", func(result(null, v.error), "self", self, "key", STRING, "value", BYTES),
                (caller, args) -> WitResults.result(() -> {
                    OpenBucket b = bucket(caller, v, args.get(0));
                    b.backend().set(b.id(), string(args.get(1)), bytes(args.get(2)));
                    return null;
                }));
        linker.define(store, "[method]bucket.delete", func(result(null, v.error), "self", self, "key", STRING),
                (caller, args) -> WitResults.result(() -> {
                    OpenBucket b = bucket(caller, v, args.get(0));
                    b.backend().delete(b.id(), string(args.get(1)));
                    return null;
                }));
        linker.define(store, "[method]bucket.exists", func(result(PrimitiveType.BOOL, v.error), "self", self, "key", STRING),
                (caller, args) -> WitResults.result(() -> {
                    OpenBucket b = bucket(caller, v, args.get(0));
                    return WitValue.bool(b.backend().exists(b.id(), string(args.get(1))));
                }));
        linker.define(store, "[method]bucket.list-keys",
                func(result(v.keyResponse, v.error), "self", self, "cursor", new dev.wharf.engine.types.OptionType(v.cursor)),
                (caller, args) -> WitResults.result(() -> {
                    OpenBucket b = bucket(caller, v, args.get(0));
                    KeyPage page = b.backend().listKeys(b.id(), cursor(v, option(args.get(1))));
                    WitValue keys = WitValue.list(page.keys().stream().map(WitValue::string).toList());
                    WitValue next = page.next().isPresent()
                            ? WitValue.some(v == KvVersion.DRAFT ? WitValue.u64(page.next().getAsLong())
                                    : WitValue.string(Long.toString(page.next().getAsLong())))
                            : WitValue.none();
                    return WitValue.record(keys, next);
                }));
    }

    /** The position a guest's cursor stands for: a {@code u64} as is, a string as the decimal we handed out. */
    private static OptionalLong cursor(KvVersion v, Optional<WitValue> cursor) {
        if (cursor.isEmpty()) {
            return OptionalLong.empty();
        }
        if (cursor.get() instanceof WitValue.U64 u) {
            return OptionalLong.of(u.bits());
        }
        String text = string(cursor.get());
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw KeyValueException.other("invalid cursor '" + text + "': pass back a cursor that list-keys returned");
        }
    }
}
