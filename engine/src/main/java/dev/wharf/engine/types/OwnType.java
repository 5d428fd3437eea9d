package dev.wharf.engine.types;

import java.util.Objects;

/** {@code own<R>}: an owned handle to a resource. */
public record OwnType(ResourceType resource) implements ValType {
    public OwnType {
        Objects.requireNonNull(resource);
    }

    @Override
    public String toString() {
        return "own<" + resource.name() + ">";
    }
}
