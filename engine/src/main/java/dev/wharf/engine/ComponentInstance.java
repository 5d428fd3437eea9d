package dev.wharf.engine;

import dev.wharf.engine.core.Interruptible;
import dev.wharf.engine.internal.link.ComponentPlanData;
import dev.wharf.engine.internal.link.ExportNames;
import dev.wharf.engine.internal.link.Instantiator;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;
import java.util.Map;
import java.util.Optional;

/**
 * A live instance of a component. Resolve exports once with {@link #function} and call them;
 * one call at a time. After a trap the instance is poisoned (calls throw
 * {@link IllegalStateException}) and must be discarded (see {@link #isPoisoned} for the one
 * exception). Closing releases its memories.
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
     * {@code function("wharf:abi/scalars", "echo-u32")}. The interface is found as
     * {@link ComponentPlan#exportedInterface} finds it: an exact name first, else a semver-compatible
     * version ({@code wasi:http/incoming-handler@0.2.0} finds an exported {@code @0.2.10}).
     *
     * @throws IllegalArgumentException if there is no such exported function, or several exported
     *     versions of the interface match and none exactly
     */
    public ExportedFunction function(String iface, String function) {
        iface = ExportNames.resolve(plan.exports().keySet(), iface).orElse(iface);
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
     * call is running. Every core instance is interrupted, since the call may be in any of them; if
     * none runs guest code (the engine is lowering or lifting values), the call fails when it next
     * enters guest code or when it would return.
     */
    @Override
    public void interrupt(TrapReason reason) {
        live.state().interrupt(reason);
    }

    /** Names the export call running now, or the next one: changes when a call returns and on reset. */
    @Override
    public long callEpoch() {
        return live.state().callEpoch();
    }

    /**
     * Interrupts the export call named {@code epoch} only, as {@link #interrupt} does: after that
     * call returned (and the instance was perhaps reset and called again) it does nothing. If that
     * call has not started yet it fails as soon as it does. The {@code Watchdog} uses it.
     */
    @Override
    public boolean interruptCall(long epoch, TrapReason reason) {
        return live.state().interruptCall(epoch, reason);
    }

    /**
     * True after a trap: the instance's state may be half-updated and it must be discarded. One
     * exception: an interrupt or deadline the engine honoured between core calls (no guest code was
     * running, so none was cut off) leaves a resettable instance unpoisoned; reset it before reuse.
     */
    public boolean isPoisoned() {
        return live.state().isPoisoned();
    }

    /**
     * The reason of the trap that poisoned the instance during a call of one of its exports, if
     * one did (e.g. {@link TrapReason#DEADLINE_EXCEEDED} after a watchdog interrupted it).
     */
    public Optional<TrapReason> trapReason() {
        return Optional.ofNullable(live.state().trapReason());
    }

    /** Whether {@link #reset} can be used: the instance was made with {@code PreparedComponent.instantiateResettable}. */
    public boolean isResettable() {
        return live.state().isResettable();
    }

    /**
     * Returns the instance to the state it had right after instantiation, for the next request
     * (an instance pool does this; see {@link dev.wharf.engine.pool.InstancePool}):
     * <ul>
     *   <li>every core instance's memories (contents and size: grown memory shrinks back),
     *       mutable globals and tables are restored;</li>
     *   <li>the component's handle table is emptied: no guest destructor runs, since the guest's
     *       memory is restored anyway;</li>
     *   <li>host objects left in resource tables go to their destructors with {@link
     *       DropReason#TEARDOWN};</li>
     *   <li>host state is replaced by the {@link InstanceOptions}' values and a fresh value from
     *       each of its factories; state set with {@link #setState} since is gone.</li>
     * </ul>
     * Exported functions resolved with {@link #function} stay valid. Not while a call runs.
     *
     * @throws IllegalStateException if the instance is closed, poisoned (a trapped instance is
     *     discarded, never reset), running a call, or not resettable
     * @throws RuntimeException whatever a destructor or state factory threw; the instance is then
     *     poisoned and must be discarded
     */
    public void reset() {
        live.state().reset();
    }

    /**
     * Current size in bytes of the memories the instance's core modules define (imported
     * memories counted once, at their owner).
     */
    public long memoryBytes() {
        return live.state().memoryBytes();
    }

    /** {@link #memoryBytes} right after instantiation, what {@link #reset} returns to; 0 if not resettable. */
    public long initialMemoryBytes() {
        return live.state().resetPointMemoryBytes();
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
