package dev.wharf.engine.types;

import java.util.List;

/** {@code flags { a, b }}. */
public record FlagsType(List<String> flags) implements ValType {
    public FlagsType {
        flags = List.copyOf(flags);
    }

    @Override
    public String toString() {
        return "flags { " + String.join(", ", flags) + " }";
    }
}
