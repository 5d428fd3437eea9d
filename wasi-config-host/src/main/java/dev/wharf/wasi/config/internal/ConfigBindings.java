package dev.wharf.wasi.config.internal;

import dev.wharf.engine.Caller;
import dev.wharf.engine.Linker;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.ListType;
import dev.wharf.engine.types.OptionType;
import dev.wharf.engine.types.PrimitiveType;
import dev.wharf.engine.types.ResultType;
import dev.wharf.engine.types.TupleType;
import dev.wharf.engine.types.ValType;
import dev.wharf.engine.types.VariantType;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.config.ConfigSnapshot;
import dev.wharf.wasi.config.ConfigSourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code get} and {@code get-all} functions under every interface name toolchains import. All four share one
 * shape (WebAssembly/wasi-config): the {@code store} interface of {@code 0.2.0-draft}, {@code 0.2.0-rc.1} and Spin's
 * {@code 0.2.0-draft-2024-09-27} with {@code variant error { upstream(string), io(string) }}, and the older
 * {@code runtime} interface of {@code 0.2.0-draft} whose error type is named {@code config-error} but has the same
 * cases. Pre-release versions only match exactly in the linker, so each name is defined on its own.
 */
public final class ConfigBindings {
    /** {@code store}'s {@code error} and {@code runtime}'s {@code config-error}: case names and order matter. */
    static final VariantType ERROR = new VariantType(List.of(
            new VariantType.Case("upstream", Optional.of(PrimitiveType.STRING)),
            new VariantType.Case("io", Optional.of(PrimitiveType.STRING))));
    static final int UPSTREAM = 0;

    static final FuncType GET = new FuncType(List.of(new FuncType.Param("key", PrimitiveType.STRING)),
            Optional.of(result(new OptionType(PrimitiveType.STRING))));
    static final FuncType GET_ALL = new FuncType(List.of(),
            Optional.of(result(new ListType(new TupleType(List.of(PrimitiveType.STRING, PrimitiveType.STRING))))));

    /** Every interface name served, exactly as guests import them. */
    public static final List<String> INTERFACES = List.of(
            "wasi:config/store@0.2.0-draft",
            "wasi:config/store@0.2.0-rc.1",
            "wasi:config/store@0.2.0-draft-2024-09-27",
            "wasi:config/runtime@0.2.0-draft");

    private ConfigBindings() {
    }

    private static ValType result(ValType ok) {
        return new ResultType(Optional.of(ok), Optional.of(ERROR));
    }

    public static Linker register(Linker linker) {
        for (String iface : INTERFACES) {
            linker.define(iface, "get", GET, ConfigBindings::get);
            linker.define(iface, "get-all", GET_ALL, ConfigBindings::getAll);
        }
        return linker;
    }

    static WitValue get(Caller caller, List<WitValue> args) {
        String key = ((WitValue.Str) args.get(0)).value();
        ConfigState state = caller.state(ConfigState.KEY);
        ConfigSnapshot snapshot;
        try {
            snapshot = state.snapshot();
        } catch (ConfigSourceException e) {
            state.observed("get", "error");
            return upstream(e);
        }
        Optional<String> unreadable = snapshot.unreadable(key);
        if (unreadable.isPresent()) {
            state.observed("get", "error");
            return upstream(unreadable.get());
        }
        Optional<String> value = snapshot.get(key);
        state.observed("get", value.isPresent() ? "found" : "absent");
        return WitValue.ok(value.<WitValue>map(v -> WitValue.some(WitValue.string(v))).orElse(WitValue.none()));
    }

    static WitValue getAll(Caller caller, List<WitValue> args) {
        ConfigState state = caller.state(ConfigState.KEY);
        ConfigSnapshot snapshot;
        try {
            snapshot = state.snapshot();
        } catch (ConfigSourceException e) {
            state.observed("get-all", "error");
            return upstream(e);
        }
        if (!snapshot.unreadable().isEmpty()) {
            state.observed("get-all", "error");
            return upstream(String.join("; ", snapshot.unreadable().values()));
        }
        state.observed("get-all", "ok");
        List<WitValue> pairs = new ArrayList<>(snapshot.values().size());
        for (Map.Entry<String, String> e : snapshot.values().entrySet()) {
            pairs.add(WitValue.tuple(WitValue.string(e.getKey()), WitValue.string(e.getValue())));
        }
        return WitValue.ok(WitValue.list(pairs));
    }

    private static WitValue upstream(ConfigSourceException e) {
        return upstream(String.valueOf(e.getMessage()));
    }

    private static WitValue upstream(String reason) {
        return WitValue.err(WitValue.variant(UPSTREAM, WitValue.string(reason)));
    }
}
