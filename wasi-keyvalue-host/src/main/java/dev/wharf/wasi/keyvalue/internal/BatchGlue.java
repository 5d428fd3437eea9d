package dev.wharf.wasi.keyvalue.internal;

import static dev.wharf.wasi.keyvalue.internal.Types.BYTES;
import static dev.wharf.wasi.keyvalue.internal.Types.OPTIONAL_BYTES;
import static dev.wharf.wasi.keyvalue.internal.Types.STRING;
import static dev.wharf.wasi.keyvalue.internal.Types.STRINGS;
import static dev.wharf.wasi.keyvalue.internal.Types.func;
import static dev.wharf.wasi.keyvalue.internal.Types.result;
import static dev.wharf.wasi.keyvalue.internal.WitResults.bucket;
import static dev.wharf.wasi.keyvalue.internal.WitResults.bytes;
import static dev.wharf.wasi.keyvalue.internal.WitResults.string;
import static dev.wharf.wasi.keyvalue.internal.WitResults.strings;

import dev.wharf.engine.Linker;
import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.ListType;
import dev.wharf.engine.types.OptionType;
import dev.wharf.engine.types.TupleType;
import dev.wharf.engine.types.ValType;
import dev.wharf.engine.values.WitValue;
import java.util.List;
import java.util.Map;

/**
 * {@code wasi:keyvalue/batch}. {@code get-many} has two shapes under the same draft2 name: WebAssembly/wasi-keyvalue
 * main returns {@code list<option<tuple<string, list<u8>>>>}, Spin's vendored copy (and the spec after PR #55)
 * {@code list<tuple<string, option<list<u8>>>>}. Both are defined; the linker binds the one whose type the guest
 * imports. Both return one entry per requested key, in order. {@code set-many} is all-or-nothing.
 */
public final class BatchGlue {
    private static final ValType PAIR = new TupleType(List.of(STRING, BYTES));

    private BatchGlue() {
    }

    public static void register(Linker linker, KvVersion v) {
        BorrowType bucketType = new BorrowType(v.bucket);
        linker.define(v.batch, "get-many",
                func(result(new ListType(new OptionType(PAIR)), v.error), "bucket", bucketType, "keys", STRINGS),
                (caller, args) -> WitResults.result(() -> {
                    OpenBucket b = bucket(caller, v, args.get(0));
                    List<String> keys = strings(args.get(1));
                    Map<String, byte[]> found = b.backend().getMany(b.id(), keys);
                    return WitValue.list(keys.stream().map(k -> found.containsKey(k)
                            ? WitValue.some(WitValue.tuple(WitValue.string(k), WitValue.Bytes.wrap(found.get(k))))
                            : WitValue.none()).toList());
                }));
        if (v == KvVersion.DRAFT2) {
            ValType keyAndMaybe = new TupleType(List.of(STRING, OPTIONAL_BYTES));
            linker.define(v.batch, "get-many",
                    func(result(new ListType(keyAndMaybe), v.error), "bucket", bucketType, "keys", STRINGS),
                    (caller, args) -> WitResults.result(() -> {
                        OpenBucket b = bucket(caller, v, args.get(0));
                        List<String> keys = strings(args.get(1));
                        Map<String, byte[]> found = b.backend().getMany(b.id(), keys);
                        return WitValue.list(keys.stream().map(k -> WitValue.tuple(WitValue.string(k),
                                found.containsKey(k) ? WitValue.some(WitValue.Bytes.wrap(found.get(k))) : WitValue.none()))
                                .toList());
                    }));
        }
        linker.define(v.batch, "set-many", func(result(null, v.error), "bucket", bucketType, "key-values", new ListType(PAIR)),
                (caller, args) -> WitResults.result(() -> {
                    OpenBucket b = bucket(caller, v, args.get(0));
                    List<Map.Entry<String, byte[]>> pairs = ((WitValue.ListValue) args.get(1)).elements().stream()
                            .map(t -> ((WitValue.TupleValue) t).elements())
                            .map(t -> Map.entry(string(t.get(0)), bytes(t.get(1)))).toList();
                    b.backend().setMany(b.id(), pairs);
                    return null;
                }));
        linker.define(v.batch, "delete-many", func(result(null, v.error), "bucket", bucketType, "keys", STRINGS),
                (caller, args) -> WitResults.result(() -> {
                    OpenBucket b = bucket(caller, v, args.get(0));
                    b.backend().deleteMany(b.id(), strings(args.get(1)));
                    return null;
                }));
    }
}
