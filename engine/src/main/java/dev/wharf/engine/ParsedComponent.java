package dev.wharf.engine;

import dev.wharf.engine.internal.validate.ValidatedComponent;
import dev.wharf.engine.types.ComponentType;
import java.util.List;
import java.util.Optional;

/** A component binary that has been decoded and validated: a read-only view of its imports and exports. */
public final class ParsedComponent {
    private final ValidatedComponent validated;
    private final List<ComponentExtern> imports;
    private final List<ComponentExtern> exports;

    ParsedComponent(ValidatedComponent validated) {
        this.validated = validated;
        this.imports = validated.type().imports().entrySet().stream().map(e -> new ComponentExtern(e.getKey(), e.getValue())).toList();
        this.exports = validated.type().exports().entrySet().stream().map(e -> new ComponentExtern(e.getKey(), e.getValue())).toList();
    }

    public List<ComponentExtern> imports() {
        return imports;
    }

    public List<ComponentExtern> exports() {
        return exports;
    }

    public Optional<ComponentExtern> export(String name) {
        return exports.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<ComponentExtern> importNamed(String name) {
        return imports.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The component's type: imports and exports. */
    public ComponentType type() {
        return validated.type();
    }

    /** Engine-internal: the AST and resolved index spaces, for instantiation planning. */
    public ValidatedComponent validated() {
        return validated;
    }

    @Override
    public String toString() {
        return validated.type().toString();
    }
}
