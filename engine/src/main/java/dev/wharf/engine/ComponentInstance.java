package dev.wharf.engine;

import dev.wharf.engine.core.Interruptible;
import dev.wharf.engine.internal.link.ComponentPlanData;
import dev.wharf.engine.internal.link.Instantiator;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;
import java.util.Map;

/**
 * A live instance of a component. Resolve exports once with {@link #function} and call them;
 * one call at a time. After a trap the instance is poisoned (calls throw
 * {@link IllegalStateException}) and must be discarded. Closing releases its memories.
 */
public final class ComponentInstance implements AutoCloseable, Interruptible {
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
     * The instance's host state for {@code key}, as host functions see it with {@link
     * Caller#state}: e.g. the embedder puts the request in before calling the handler and reads
     * the response afterwards. Not while a call runs on another thread.
     *
     * @throws IllegalStateException if the key has no value and no initializer
     */
    public <T> T state(StateKey<T> key) {
        return live.state().host().state(key);
    }

    /** Sets the instance's host state for {@code key} (e.g. per request, when an instance is reused). */
    public <T> void setState(StateKey<T> key, T value) {
        live.state().host().setState(key, value);
    }

    /**
     * The instance's table of Java objects behind host resource {@code type}, as host functions
     * see it with {@link Caller#resources}: e.g. insert the incoming request and pass the returned
     * handle to the exported handler.
     *
     * @throws IllegalArgumentException if {@code type} was not defined with {@code
     *     Linker.defineResource(iface, type, destructor)}
     */
    public <T> ResourceTable<T> resources(ResourceType type) {
        return live.state().host().resources(type);
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
    @Override
    public void interrupt(TrapReason reason) {
        live.state().interrupt(reason);
    }

    /** True after a trap: the instance's state may be half-updated and it must be discarded. */
    public boolean isPoisoned() {
        return live.state().isPoisoned();
    }

    /**
     * Releases the instance's memories, then passes the objects still in its resource tables to
     * their destructors.
     */
    @Override
    public void close() {
        live.state().close();
    }
}
