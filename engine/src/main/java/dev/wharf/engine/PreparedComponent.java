package dev.wharf.engine;

import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.internal.link.ComponentPlanData;
import dev.wharf.engine.internal.link.Instantiator;
import dev.wharf.engine.types.ResourceType;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * A plan whose imports are bound to host functions and type-checked. {@link #instantiate} only
 * replays the plan's steps: no parsing, no compilation, no name resolution. Immutable; instantiate
 * it from any thread, as often as needed.
 */
public final class PreparedComponent {
    private final ComponentPlan plan;
    private final ComponentPlanData data;
    private final Object[] hosts;
    private final Map<ResourceType, IntConsumer> hostDestructors;
    private final Map<ResourceType, ResourceDestructor<Object>> tableDestructors;

    /** {@code data} is the plan with the host's resource types substituted for the imported ones. */
    PreparedComponent(ComponentPlan plan, ComponentPlanData data, Object[] hosts, Map<ResourceType, IntConsumer> hostDestructors,
            Map<ResourceType, ResourceDestructor<Object>> tableDestructors) {
        this.plan = plan;
        this.data = data;
        this.hosts = hosts;
        this.hostDestructors = hostDestructors;
        this.tableDestructors = tableDestructors;
    }

    public ComponentPlan plan() {
        return plan;
    }

    /** {@link ComponentPlan#exportedInterface}: the exported interface serving {@code name}, found semver-compatibly. */
    public Optional<String> exportedInterface(String name) {
        return plan.exportedInterface(name);
    }

    /** A new instance without memory limits beyond the modules' declared maximums. */
    public ComponentInstance instantiate() {
        return instantiate(CoreLimits.UNLIMITED);
    }

    /**
     * A new instance whose core memories are capped by {@code limits}.
     *
     * @throws Trap if a core module's start function traps or its memory does not fit the limits
     */
    public ComponentInstance instantiate(CoreLimits limits) {
        return instantiate(InstanceOptions.defaults().withLimits(limits));
    }

    /**
     * A new instance with {@code options}' memory limits and initial host state ({@link
     * Caller#state} in host functions, {@link ComponentInstance#state} outside calls).
     *
     * @throws Trap if a core module's start function traps or its memory does not fit the limits
     */
    public ComponentInstance instantiate(InstanceOptions options) {
        return new ComponentInstance(data, Instantiator.instantiate(data, hosts, hostDestructors, tableDestructors, options, false));
    }

    /**
     * Like {@link #instantiate(InstanceOptions)}, and captures the new instance's state (every core
     * instance's memories, mutable globals and tables) so that {@link ComponentInstance#reset}
     * can return it to this just-instantiated state for reuse. Capturing copies the memories:
     * an instance holds a second copy of its initial memory for as long as it lives.
     *
     * @throws Trap if a core module's start function traps or its memory does not fit the limits
     */
    public ComponentInstance instantiateResettable(InstanceOptions options) {
        return new ComponentInstance(data, Instantiator.instantiate(data, hosts, hostDestructors, tableDestructors, options, true));
    }
}
