package dev.wharf.wasi.keyvalue.internal;

import dev.wharf.engine.Caller;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.keyvalue.KeyValueException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Turning backend outcomes into WIT {@code result}s: a {@link KeyValueException} is the guest's {@code error}. */
final class WitResults {
    private WitResults() {
    }

    /** {@code ok(body())}, or {@code err(error)}; {@code body} returning {@code null} means {@code ok()}. */
    static WitValue result(Supplier<WitValue> body) {
        try {
            WitValue value = body.get();
            return value == null ? WitValue.ok() : WitValue.ok(value);
        } catch (KeyValueException e) {
            return WitValue.err(error(e));
        }
    }

    static WitValue error(KeyValueException e) {
        return switch (e.kind()) {
            case NO_SUCH_STORE -> WitValue.variant(0);
            case ACCESS_DENIED -> WitValue.variant(1);
            case OTHER -> WitValue.variant(2, WitValue.string(e.getMessage()));
        };
    }

    static String string(WitValue v) {
        return ((WitValue.Str) v).value();
    }

    static byte[] bytes(WitValue v) {
        return ((WitValue.Bytes) v).toByteArray();
    }

    static List<String> strings(WitValue v) {
        return ((WitValue.ListValue) v).elements().stream().map(WitResults::string).toList();
    }

    static Optional<WitValue> option(WitValue v) {
        return ((WitValue.OptionValue) v).value();
    }

    static WitValue optionalBytes(Optional<byte[]> value) {
        return value.<WitValue>map(b -> WitValue.some(WitValue.Bytes.wrap(b))).orElse(WitValue.none());
    }

    /** The bucket behind a {@code borrow<bucket>} argument. */
    static OpenBucket bucket(Caller caller, KvVersion v, WitValue handle) {
        return caller.<OpenBucket>resources(v.bucket).get(handle);
    }
}
