package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wharf.engine.core.ExternKind;
import dev.wharf.engine.core.FuncType;
import dev.wharf.engine.core.ValueType;
import java.util.ArrayList;
import java.util.List;

/** Converts between Chicory's type model and the boundary's. */
final class ChicoryTypes {
    private ChicoryTypes() {}

    static ValueType toValueType(ValType type) {
        if (type.equals(ValType.I32)) {
            return ValueType.I32;
        } else if (type.equals(ValType.I64)) {
            return ValueType.I64;
        } else if (type.equals(ValType.F32)) {
            return ValueType.F32;
        } else if (type.equals(ValType.F64)) {
            return ValueType.F64;
        } else if (type.equals(ValType.V128)) {
            return ValueType.V128;
        } else if (type.equals(ValType.ExternRef)) {
            return ValueType.EXTERNREF;
        } else if (type.isReference()) {
            // funcref and the GC proposal's function-like references all travel as function handles
            return ValueType.FUNCREF;
        }
        throw new IllegalArgumentException("unsupported value type " + type);
    }

    static ValType toValType(ValueType type) {
        return switch (type) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
            case V128 -> ValType.V128;
            case FUNCREF -> ValType.FuncRef;
            case EXTERNREF -> ValType.ExternRef;
        };
    }

    static FuncType toFuncType(FunctionType type) {
        return FuncType.of(toValueTypes(type.params()), toValueTypes(type.returns()));
    }

    static FunctionType toFunctionType(FuncType type) {
        var params = new ArrayList<ValType>();
        type.params().forEach(t -> params.add(toValType(t)));
        var results = new ArrayList<ValType>();
        type.results().forEach(t -> results.add(toValType(t)));
        return FunctionType.of(params, results);
    }

    static ExternKind toKind(ExternalType type) {
        return switch (type) {
            case FUNCTION -> ExternKind.FUNCTION;
            case TABLE -> ExternKind.TABLE;
            case MEMORY -> ExternKind.MEMORY;
            case GLOBAL -> ExternKind.GLOBAL;
            case TAG -> ExternKind.TAG;
        };
    }

    private static List<ValueType> toValueTypes(List<ValType> types) {
        var out = new ArrayList<ValueType>(types.size());
        types.forEach(t -> out.add(toValueType(t)));
        return out;
    }
}
