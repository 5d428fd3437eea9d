package dev.wharf.engine;

import dev.wharf.engine.internal.link.ComponentPlanData;
import dev.wharf.engine.internal.link.ExportNames;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A component translated for instantiation: its core modules compiled and every index space,
 * alias and nested component resolved into a flat list of steps. Immutable and shareable; link it
 * with {@link Linker#prepare}.
 */
public final class ComponentPlan {
    private final Engine engine;
    private final ParsedComponent component;
    private final ComponentPlanData data;

    ComponentPlan(Engine engine, ParsedComponent component, ComponentPlanData data) {
        this.engine = engine;
        this.component = component;
        this.data = data;
    }

    public Engine engine() {
        return engine;
    }

    /** The parsed component this plan was made from (its imports and exports with their types). */
    public ParsedComponent component() {
        return component;
    }

    /** The host functions a linker must define, as {@code interface#function} with their WIT types. */
    public List<String> requiredFunctions() {
        return data.hostImports().stream().map(h -> h.displayName() + ": " + h.type()).toList();
    }

    /**
     * The name of the exported interface that serves {@code name}, with the linker's semver rule
     * for imports: the exact name if exported; else the one export with a compatible version
     * ({@code 0.x.y} matches the same {@code 0.x}, {@code >= 1} the same major, {@code 0.0.x} and
     * pre-releases only exactly); a name without a version finds the one exported version of that
     * interface ({@code exportedInterface("wasi:http/incoming-handler")} gives
     * {@code "wasi:http/incoming-handler@0.2.10"}). Only interfaces with functions count.
     *
     * @throws IllegalArgumentException if several exported versions match and none exactly
     */
    public Optional<String> exportedInterface(String name) {
        Set<String> interfaces = new java.util.LinkedHashSet<>(data.exports().keySet());
        interfaces.remove("");
        return ExportNames.resolve(interfaces, name);
    }

    /** Number of core modules compiled for this component. */
    public int coreModuleCount() {
        return data.modules().size();
    }

    ComponentPlanData data() {
        return data;
    }

    @Override
    public String toString() {
        return "ComponentPlan[" + data.modules().size() + " core modules, " + data.steps().size() + " steps, "
                + data.hostImports().size() + " host imports, " + data.lifts().size() + " lifted functions]";
    }
}
