package dev.wharf.engine;

import dev.wharf.engine.internal.link.ComponentPlanData;
import dev.wharf.engine.internal.link.Instantiator;
import dev.wharf.engine.values.WitValue;
import java.util.Map;

/**
 * A live instance of a component. Resolve exports once with {@link #function} and call them;
 * one call at a time. After a trap the instance is poisoned (calls throw
 * {@link IllegalStateException}) and must be discarded. Closing releases its memories.
 */
public final class ComponentInstance implements AutoCloseable {
    private final ComponentPlanData plan;
    private final Instantiator.Instantiated live;

    ComponentInstance(ComponentPlanData plan, Instantiator.Instantiated live) {
        this.plan = plan;
        this.live = live;
    }

    /**
     * The function {@code function} of exported interface {@code iface}, e.g.
     * {@code function("wharf:abi/scalars", "echo-u32")}.
     *
     * @throws IllegalArgumentException if there is no such exported function
     */
    public ExportedFunction function(String iface, String function) {
        Map<String, Integer> fns = plan.exports().get(iface);
        Integer lift = fns == null ? null : fns.get(function);
        if (lift == null) {
            throw new IllegalArgumentException("the component exports no function " + (iface.isEmpty() ? "" : iface + "#") + function
                    + (fns == null ? "; exported interfaces: " + plan.exports().keySet() : "; that interface exports " + fns.keySet()));
        }
        String name = iface.isEmpty() ? function : iface + "#" + function;
        return new ExportedFunction(name, live.lifts()[lift]);
    }

    /** A top-level exported function (one not inside an exported interface). */
    public ExportedFunction function(String function) {
        return function("", function);
    }

    /**
     * Drops an owned handle of a resource this component defines that the host received from it:
     * runs the guest's destructor (what {@code resource.drop} does inside the guest).
     */
    public void drop(WitValue.Own handle) {
        live.state().dropOwned(handle.resource(), handle.rep());
    }

    /**
     * Stops the call running in this instance, from another thread: it fails with a {@link Trap}
     * of {@code reason} (a deadline passes {@link TrapReason#DEADLINE_EXCEEDED}). No effect when no
     * call is running. Every core instance is interrupted, since the call may be in any of them.
     */
    public void interrupt(TrapReason reason) {
        live.state().interrupt(reason);
    }

    /** True after a trap: the instance's state may be half-updated and it must be discarded. */
    public boolean isPoisoned() {
        return live.state().isPoisoned();
    }

    @Override
    public void close() {
        live.state().close();
    }
}
