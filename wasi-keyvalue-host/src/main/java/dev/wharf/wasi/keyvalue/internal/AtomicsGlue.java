package dev.wharf.wasi.keyvalue.internal;

import static dev.wharf.wasi.keyvalue.internal.Types.BYTES;
import static dev.wharf.wasi.keyvalue.internal.Types.STRING;
import static dev.wharf.wasi.keyvalue.internal.Types.func;
import static dev.wharf.wasi.keyvalue.internal.Types.result;
import static dev.wharf.wasi.keyvalue.internal.WitResults.bucket;
import static dev.wharf.wasi.keyvalue.internal.WitResults.bytes;
import static dev.wharf.wasi.keyvalue.internal.WitResults.string;

import dev.wharf.engine.Linker;
import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.OwnType;
import dev.wharf.engine.types.VariantType;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.keyvalue.KeyValueException;
import java.util.List;
import java.util.Optional;

/** {@code wasi:keyvalue/atomics}: {@code increment} (both drafts) and {@code swap} (draft2). */
public final class AtomicsGlue {
    private AtomicsGlue() {
    }

    public static void register(Linker linker, KvVersion v) {
        linker.define(v.atomics, "increment",
                func(result(v.counter, v.error), "bucket", new BorrowType(v.bucket), "key", STRING, "delta", v.counter),
                (caller, args) -> WitResults.result(() -> {
                    OpenBucket b = bucket(caller, v, args.get(0));
                    long delta = args.get(2) instanceof WitValue.S64 s ? s.value() : ((WitValue.U64) args.get(2)).bits();
                    long value = b.backend().increment(b.id(), string(args.get(1)), delta);
                    return v.counter == dev.wharf.engine.types.PrimitiveType.S64 ? WitValue.s64(value) : WitValue.u64(value);
                }));
        if (!v.hasCas) {
            return;
        }
        CasGlue.register(linker, v);
        VariantType casError = new VariantType(List.of(
                new VariantType.Case("store-error", Optional.of(v.error)),
                new VariantType.Case("cas-failed", Optional.of(new OwnType(v.cas)))));
        linker.define(v.atomics, "swap", func(result(null, casError), "cas", new OwnType(v.cas), "value", BYTES),
                (caller, args) -> {
                    CasGlue.Cas cas = caller.<CasGlue.Cas>resources(v.cas).remove((WitValue.Own) args.get(0));
                    try {
                        if (cas.backend().compareAndSwap(cas.bucket(), cas.key(), cas.expectedVersion(), bytes(args.get(1)))) {
                            return WitValue.ok();
                        }
                        // hand back a fresh cas so that the guest can retry against the value that won
                        CasGlue.Cas fresh = CasGlue.Cas.load(cas.bucket(), cas.backend(), cas.key());
                        return WitValue.err(WitValue.variant(1, CasGlue.insert(caller, v, fresh)));
                    } catch (KeyValueException e) {
                        return WitValue.err(WitValue.variant(0, WitResults.error(e)));
                    }
                });
    }
}
