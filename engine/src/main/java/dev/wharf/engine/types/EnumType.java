package dev.wharf.engine.types;

import java.util.List;

/** {@code enum { a, b }}. */
public record EnumType(List<String> cases) implements ValType {
    public EnumType {
        cases = List.copyOf(cases);
    }

    @Override
    public String toString() {
        return "enum { " + String.join(", ", cases) + " }";
    }
}
