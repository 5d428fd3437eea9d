package dev.wharf.engine.link;

import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.HostFunction;
import dev.wharf.engine.Linker;
import dev.wharf.engine.RawHostFunction;
import dev.wharf.engine.internal.link.TypeSubstitution;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.Type;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a {@link Linker} for a plan from the component's own import types: every imported
 * resource becomes a table-managed host resource (no destructor; its type from {@code hostTypes}
 * by resource name, else a fresh one) and every imported function is defined with the imported
 * type (host resources put in). Functions named in {@code behaviours} (by bare function name, e.g.
 * {@code "[constructor]fields"}; a {@link HostFunction} or a {@link RawHostFunction}) run that
 * behaviour; the others fail when called.
 */
final class StubLinker {
    final Linker linker;
    /** Host resource types by {@code interface#name}. */
    final Map<String, ResourceType> resources = new HashMap<>();

    StubLinker(Engine engine, ComponentPlan plan, Map<String, ?> behaviours) {
        this(engine, plan, behaviours, ResourceType::host);
    }

    StubLinker(Engine engine, ComponentPlan plan, Map<String, ?> behaviours, Function<String, ResourceType> hostTypes) {
        linker = new Linker(engine);
        Map<ResourceType, ResourceType> substitution = new IdentityHashMap<>();
        plan.component().importedResources().forEach((iface, rs) -> rs.forEach((name, r) -> {
            ResourceType host = substitution.computeIfAbsent(r, k -> {
                ResourceType t = hostTypes.apply(name);
                linker.defineResource(iface, t, null);
                return t;
            });
            resources.putIfAbsent(iface + "#" + name, host);
        }));
        TypeSubstitution subst = new TypeSubstitution(substitution);
        for (var imp : plan.component().imports()) {
            Type t = imp.type();
            if (t instanceof FuncType ft) {
                define("", imp.name(), subst.apply(ft), behaviours.get(imp.name()));
            } else if (t instanceof dev.wharf.engine.types.InstanceType it) {
                for (Map.Entry<String, Type> e : it.exports().entrySet()) {
                    if (e.getValue() instanceof FuncType ft) {
                        define(imp.name(), e.getKey(), subst.apply(ft), behaviours.get(e.getKey()));
                    }
                }
            }
        }
    }

    private void define(String iface, String function, FuncType type, Object behaviour) {
        String name = iface.isEmpty() ? function : iface + "#" + function;
        switch (behaviour) {
            case null -> linker.define(iface, function, type, (caller, args) -> {
                throw new UnsupportedOperationException("stub " + name + " called");
            });
            case HostFunction f -> linker.define(iface, function, type, f);
            case RawHostFunction f -> linker.defineRaw(iface, function, type, f);
            default -> throw new IllegalArgumentException("not a host function: " + behaviour);
        }
    }

    static Linker of(Engine engine, ComponentPlan plan) {
        return new StubLinker(engine, plan, Map.of()).linker;
    }
}
