package dev.wharf.engine.types;

import java.util.Objects;

/** {@code list<T>}. */
public record ListType(ValType element) implements ValType {
    public ListType {
        Objects.requireNonNull(element);
    }

    @Override
    public String toString() {
        return "list<" + element + ">";
    }
}
