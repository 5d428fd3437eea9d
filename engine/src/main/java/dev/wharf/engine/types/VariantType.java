package dev.wharf.engine.types;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code variant { a(u32), b }}. */
public record VariantType(List<Case> cases) implements ValType {
    public record Case(String name, Optional<ValType> payload) {
        @Override
        public String toString() {
            return payload.map(p -> name + "(" + p + ")").orElse(name);
        }
    }

    public VariantType {
        cases = List.copyOf(cases);
    }

    @Override
    public String toString() {
        return cases.stream().map(Case::toString).collect(Collectors.joining(", ", "variant { ", " }"));
    }
}
