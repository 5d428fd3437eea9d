package dev.wharf.engine.types;

import java.util.Objects;

/** {@code borrow<R>}: a borrowed handle to a resource. */
public record BorrowType(ResourceType resource) implements ValType {
    public BorrowType {
        Objects.requireNonNull(resource);
    }

    @Override
    public String toString() {
        return "borrow<" + resource.name() + ">";
    }
}
