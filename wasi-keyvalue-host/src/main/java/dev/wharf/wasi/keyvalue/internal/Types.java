package dev.wharf.wasi.keyvalue.internal;

import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.ListType;
import dev.wharf.engine.types.OptionType;
import dev.wharf.engine.types.PrimitiveType;
import dev.wharf.engine.types.ResultType;
import dev.wharf.engine.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Shorthands for writing the WIT signatures in Java. */
final class Types {
    static final ValType STRING = PrimitiveType.STRING;
    static final ValType BYTES = new ListType(PrimitiveType.U8);
    static final ValType OPTIONAL_BYTES = new OptionType(BYTES);
    static final ValType STRINGS = new ListType(PrimitiveType.STRING);

    private Types() {
    }

    /** {@code func(name: type, ...) -> result}: {@code params} alternate names and types. */
    static FuncType func(ValType result, Object... params) {
        List<FuncType.Param> list = new ArrayList<>();
        for (int i = 0; i < params.length; i += 2) {
            list.add(new FuncType.Param((String) params[i], (ValType) params[i + 1]));
        }
        return new FuncType(list, Optional.ofNullable(result));
    }

    /** {@code result<ok, err>} ({@code ok} may be {@code null} for {@code _}). */
    static ResultType result(ValType ok, ValType err) {
        return new ResultType(Optional.ofNullable(ok), Optional.of(err));
    }
}
