package dev.wharf.engine.types;

import java.util.List;
import java.util.stream.Collectors;

/** {@code tuple<u32, string>}. */
public record TupleType(List<ValType> types) implements ValType {
    public TupleType {
        types = List.copyOf(types);
    }

    @Override
    public String toString() {
        return types.stream().map(Object::toString).collect(Collectors.joining(", ", "tuple<", ">"));
    }
}
