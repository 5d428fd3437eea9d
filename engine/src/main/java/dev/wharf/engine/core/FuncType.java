package dev.wharf.engine.core;

import java.util.List;

/** A core function signature: parameter and result types, compared structurally. */
public record FuncType(List<ValueType> params, List<ValueType> results) {
    public FuncType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public static FuncType of(List<ValueType> params, List<ValueType> results) {
        return new FuncType(params, results);
    }

    @Override
    public String toString() {
        return params + " -> " + results;
    }
}
