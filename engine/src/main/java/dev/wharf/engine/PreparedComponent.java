package dev.wharf.engine;

import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.internal.link.ComponentPlanData;
import dev.wharf.engine.internal.link.Instantiator;
import dev.wharf.engine.types.ResourceType;
import java.util.Map;
import java.util.function.Consumer;
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
    private final Map<ResourceType, Consumer<Object>> tableDestructors;

    /** {@code data} is the plan with the host's resource types substituted for the imported ones. */
    PreparedComponent(ComponentPlan plan, ComponentPlanData data, Object[] hosts, Map<ResourceType, IntConsumer> hostDestructors,
            Map<ResourceType, Consumer<Object>> tableDestructors) {
        this.plan = plan;
        this.data = data;
        this.hosts = hosts;
        this.hostDestructors = hostDestructors;
        this.tableDestructors = tableDestructors;
    }

    public ComponentPlan plan() {
        return plan;
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
        return new ComponentInstance(data, Instantiator.instantiate(data, hosts, hostDestructors, tableDestructors, options));
    }
}
