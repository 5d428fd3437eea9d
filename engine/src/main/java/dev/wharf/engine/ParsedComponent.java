package dev.wharf.engine;

import dev.wharf.engine.internal.validate.ValidatedComponent;
import dev.wharf.engine.types.ComponentType;
import dev.wharf.engine.types.InstanceType;
import dev.wharf.engine.types.ResourceType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A component binary that has been decoded and validated: a read-only view of its imports and exports. */
public final class ParsedComponent {
    private final ValidatedComponent validated;
    private final List<ComponentExtern> imports;
    private final List<ComponentExtern> exports;
    private final Map<String, Map<String, ResourceType>> importedResources;

    ParsedComponent(ValidatedComponent validated) {
        this.validated = validated;
        this.imports = validated.type().imports().entrySet().stream().map(e -> new ComponentExtern(e.getKey(), e.getValue())).toList();
        this.exports = validated.type().exports().entrySet().stream().map(e -> new ComponentExtern(e.getKey(), e.getValue())).toList();
        Map<String, Map<String, ResourceType>> resources = new LinkedHashMap<>();
        for (ComponentExtern imp : imports) {
            if (imp.type() instanceof ResourceType r) {
                resources.computeIfAbsent("", k -> new LinkedHashMap<>()).put(imp.name(), r);
            } else if (imp.type() instanceof InstanceType it) {
                it.exports().forEach((name, t) -> {
                    if (t instanceof ResourceType r) {
                        resources.computeIfAbsent(imp.name(), k -> new LinkedHashMap<>()).put(name, r);
                    }
                });
            }
        }
        resources.replaceAll((k, v) -> Collections.unmodifiableMap(v));
        this.importedResources = Collections.unmodifiableMap(resources);
    }

    /**
     * The resource types the component imports, by interface ({@code ""} for top-level resource
     * imports) and resource name, in import order: e.g. {@code importedResources().get("wasi:http/types@0.2.10")}
     * maps {@code "fields"}, {@code "incoming-request"}, ... to the component's own (abstract)
     * resource types. Each must be defined with {@code Linker.defineResource} before linking.
     */
    public Map<String, Map<String, ResourceType>> importedResources() {
        return importedResources;
    }

    /** The resource types imported through interface {@code iface}, by name (empty if none). */
    public Map<String, ResourceType> importedResources(String iface) {
        return importedResources.getOrDefault(iface, Map.of());
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
