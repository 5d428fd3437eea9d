package dev.wharf.engine;

import dev.wharf.engine.internal.link.ComponentPlanData;
import java.util.List;

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
