package dev.wharf.engine.types;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code func(a: u32, b: string) -> string}; {@code async} marks an async-lifted function type. */
public record FuncType(List<Param> params, Optional<ValType> result, boolean async) implements Type {
    public record Param(String name, ValType type) {
        @Override
        public String toString() {
            return name + ": " + type;
        }
    }

    public FuncType {
        params = List.copyOf(params);
    }

    public FuncType(List<Param> params, Optional<ValType> result) {
        this(params, result, false);
    }

    @Override
    public String toString() {
        String p = params.stream().map(Param::toString).collect(Collectors.joining(", ", (async ? "async " : "") + "func(", ")"));
        return result.map(r -> p + " -> " + r).orElse(p);
    }
}
