package dev.wharf.engine.link;

import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.HostFunction;
import dev.wharf.engine.Linker;
import dev.wharf.engine.internal.link.TypeSubstitution;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.InstanceType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.Type;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Builds a {@link Linker} for a plan from the component's own import types: every imported
 * resource becomes a host resource (no destructor) and every imported function is defined with
 * the imported type (host resources put in). Functions named in {@code behaviours} (by bare
 * function name, e.g. {@code "[constructor]fields"}) run that behaviour; the others fail when
 * called.
 */
final class StubLinker {
    final Linker linker;
    /** Host resource types by {@code interface#name}. */
    final Map<String, ResourceType> resources = new HashMap<>();

    StubLinker(Engine engine, ComponentPlan plan, Map<String, HostFunction> behaviours) {
        linker = new Linker(engine);
        Map<ResourceType, ResourceType> hostTypes = new IdentityHashMap<>();
        for (var imp : plan.component().imports()) {
            if (imp.type() instanceof ResourceType r) {
                hostTypes.computeIfAbsent(r, k -> resource("", imp.name()));
            } else if (imp.type() instanceof InstanceType it) {
                it.exports().forEach((name, t) -> {
                    if (t instanceof ResourceType r) {
                        ResourceType host = hostTypes.computeIfAbsent(r, k -> resource(imp.name(), name));
                        resources.putIfAbsent(imp.name() + "#" + name, host);
                    }
                });
            }
        }
        TypeSubstitution subst = new TypeSubstitution(hostTypes);
        for (var imp : plan.component().imports()) {
            Type t = imp.type();
            if (t instanceof FuncType ft) {
                linker.define(imp.name(), subst.apply(ft), behaviours.getOrDefault(imp.name(), stub(imp.name())));
            } else if (t instanceof InstanceType it) {
                for (Map.Entry<String, Type> e : it.exports().entrySet()) {
                    if (e.getValue() instanceof FuncType ft) {
                        linker.define(imp.name(), e.getKey(), subst.apply(ft),
                                behaviours.getOrDefault(e.getKey(), stub(imp.name() + "#" + e.getKey())));
                    }
                }
            }
        }
    }

    static Linker of(Engine engine, ComponentPlan plan) {
        return new StubLinker(engine, plan, Map.of()).linker;
    }

    private ResourceType resource(String iface, String name) {
        ResourceType r = linker.defineResource(iface, name, null);
        resources.put(iface + "#" + name, r);
        return r;
    }

    private static HostFunction stub(String name) {
        return args -> {
            throw new UnsupportedOperationException("stub " + name + " called");
        };
    }
}
