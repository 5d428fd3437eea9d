package dev.wharf.engine.internal.link;

import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CoreFunction;
import dev.wharf.engine.core.CoreInstance;
import dev.wharf.engine.core.InstanceSnapshot;
import dev.wharf.engine.internal.abi.Realloc;
import dev.wharf.engine.internal.resources.Destructor;
import dev.wharf.engine.internal.resources.HandleTable;
import dev.wharf.engine.types.ResourceType;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The live state of one component instance: its core instances, its handle table, the
 * destructors of the resource types it defines and the host's per-instance {@link HostStore}. One call at a time (the pool owns that).
 */
public final class RuntimeState implements AutoCloseable {
    final CoreInstance[] cores;
    /**
     * One handle table per component instance (index 0 is the outermost component, then one per
     * instantiation of a nested component, in plan order): handles are never shared between them.
     */
    private final HandleTable[] tables;
    /** Per component instance: a call into it is running (the spec's {@code may_enter}, inverted). */
    private final boolean[] entered;
    /** Per component instance: the spec's {@code may_leave} (false while its post-return runs). */
    // The spec's may_leave per component instance: null while the guest may leave, else what it is
    // running that may not ("a post-return function", "its realloc function"), for the trap message.
    private final String[] mayNotLeaveIn;
    private final HostStore host;
    private final Map<ResourceType, Destructor> destructors = new IdentityHashMap<>();
    /** The component instance that defines each guest resource type. */
    private final Map<ResourceType, Integer> implementers = new IdentityHashMap<>();
    private volatile boolean poisoned;
    /** The reason of the trap that poisoned the instance, when a trap did. */
    private volatile TrapReason trapReason;
    private volatile boolean closed;
    /** The reset point: every core instance's state right after instantiation ({@code null}: not resettable). */
    private InstanceSnapshot[] snapshots;
    private InstanceOptions resetOptions;
    private long resetPointMemoryBytes;
    /** A call from the host into the component is running (host re-entry is refused as a whole). */
    // Guards inCall, callEpoch and pendingInterrupt against interruptCall from a watchdog thread.
    private final Object callLock = new Object();
    private boolean inCall;
    private long callEpoch;
    /**
     * An interrupt requested for the call of the current epoch, kept until that call ends: a core
     * instance only stops a call it is running, so one that lands while the engine lowers or lifts
     * in Java is honoured when the engine next enters guest code, or when the call would return.
     * Volatile: read without the lock on every core call.
     */
    private volatile TrapReason pendingInterrupt;
    /** The trap {@link #enterCore} threw last, to tell it from a trap cut out of guest code. */
    private Trap interruptStop;
    /**
     * The core instance the engine last decided to call, and that call's epoch: an interrupt that
     * lands after the decision but before the core instance counts the call as running is handed
     * to that call ({@link CoreInstance#interruptCall}), which takes it as it starts.
     */
    private CoreInstance enteringCore;
    private long enteringCoreEpoch;

    /** Per component instance: the component instance that instantiated it, -1 for the outermost. */
    private final int[] parents;

    RuntimeState(int slots, java.util.List<Integer> instanceParents, HostStore host) {
        this.cores = new CoreInstance[slots];
        this.host = host;
        int n = instanceParents.size();
        this.parents = instanceParents.stream().mapToInt(Integer::intValue).toArray();
        this.tables = new HandleTable[n];
        this.entered = new boolean[n];
        this.mayNotLeaveIn = new String[n];
        for (int i = 0; i < n; i++) {
            tables[i] = new HandleTable();
        }
    }

    /** The host plugins' state and resource tables of this instance. */
    public HostStore host() {
        return host;
    }

    /** The outermost component instance's handle table. */
    public HandleTable handles() {
        return tables[0];
    }

    /** The handle table of component instance {@code instance}. */
    public HandleTable handles(int instance) {
        return tables[instance];
    }

    void defineResource(int instance, ResourceType type, Destructor destructor) {
        tables[instance].implement(type);
        implementers.put(type, instance);
        if (destructor != null) {
            destructors.put(type, destructor);
        }
    }

    /** A host resource the component imports: the guest's last drop of an owning handle calls {@code destructor}. */
    void defineHostResource(ResourceType type, Destructor destructor) {
        destructors.put(type, destructor);
    }

    Destructor destructor(ResourceType type) {
        return destructors.get(type);
    }

    /**
     * The destructor a {@code resource.drop} in component instance {@code dropper} calls: a guest
     * destructor of another component instance is called like any cross-component call (the
     * spec's {@code canon_resource_drop}), so it enters that instance and may trap {@code CANNOT_ENTER}.
     */
    Destructor destructorFor(int dropper, ResourceType type) {
        Destructor d = destructors.get(type);
        Integer impl = implementers.get(type);
        if (d == null || impl == null || impl == dropper) {
            return d;
        }
        int[] entering = enteringSet(impl, dropper);
        return rep -> {
            enterInstances(entering, "the destructor of " + type.name());
            try {
                d.destroy(rep);
            } finally {
                leaveInstances(entering);
            }
        };
    }

    /**
     * Destroys a resource this component defines whose owning handle the host holds (the host's
     * {@code resource.drop}): runs the guest destructor, if any, with {@code rep}.
     */
    public void dropOwned(ResourceType type, int rep) {
        if (!implementedAnywhere(type)) {
            throw new IllegalArgumentException(type + " is not defined by this component");
        }
        Destructor d = destructors.get(type);
        if (d == null) {
            checkUsable();
            return;
        }
        callFromHost("the destructor of " + type.name(), enteringSet(implementers.get(type), -1), () -> {
            d.destroy(rep);
            return null;
        });
    }

    /**
     * Runs {@code body}, a call from the host into the component instances {@code entering} (an
     * export, or a destructor the host runs), with the bookkeeping of one export call: one call at
     * a time, may_enter, the call epoch and its interrupts. A trap poisons the instance (see
     * {@link #trapped}); an interrupt that arrived after the last core call makes the call fail.
     */
    <R> R callFromHost(String function, int[] entering, java.util.function.Supplier<R> body) {
        enter(function);
        boolean ended = false;
        try {
            enterInstances(entering, function);
            R result;
            try {
                result = body.get();
            } finally {
                leaveInstances(entering);
            }
            ended = true;
            leaveReturning();
            return result;
        } catch (Trap t) {
            trapped(t);
            throw t;
        } finally {
            if (!ended) {
                leave();
            }
        }
    }

    private boolean implementedAnywhere(ResourceType type) {
        for (HandleTable t : tables) {
            if (t.implementsType(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Interrupts the export call running now, if one is: whichever core instance runs guest code
     * stops, and if none does the interrupt is kept until the engine next enters one (see {@link
     * #pendingInterrupt}). With no call running it does nothing.
     */
    public void interrupt(TrapReason reason) {
        synchronized (callLock) {
            if (inCall) {
                requestInterrupt(reason);
            }
        }
    }

    /**
     * Starts a call into the instance. Traps if one is already running: the only way to get here
     * again synchronously is a host function calling back into the instance that called it, which
     * the component model forbids ({@code may_enter}) because the guest's state is mid-call.
     */
    void enter(String function) {
        checkUsable();
        synchronized (callLock) {
            if (inCall) {
                throw new Trap(TrapReason.CANNOT_ENTER, "cannot call " + function + ": the component instance is already running a call "
                        + "(a host function may not call back into the instance that called it)");
            }
            inCall = true;
        }
    }

    /** Ends the call (whatever its outcome): a new epoch starts and an interrupt kept for it is dropped. */
    void leave() {
        synchronized (callLock) {
            endCall();
        }
    }

    /**
     * Ends a call whose guest code returned: if an interrupt for it arrived after it last left
     * guest code, it must not succeed, so this throws that interrupt's trap. Checking and ending
     * under one lock means an interrupt either makes the call fail or finds it ended.
     */
    void leaveReturning() {
        TrapReason pending;
        synchronized (callLock) {
            pending = pendingInterrupt;
            endCall();
        }
        if (pending != null) {
            throw interruptStop = interruptTrap(pending);
        }
    }

    private void endCall() {
        inCall = false;
        callEpoch++;
        pendingInterrupt = null;
        enteringCore = null;
    }

    /** Names the export call running now, or the next one: see {@link dev.wharf.engine.core.Interruptible#callEpoch}. */
    public long callEpoch() {
        synchronized (callLock) {
            return callEpoch;
        }
    }

    /**
     * Interrupts the export call named {@code epoch} unless it has ended. Holding the lock that
     * {@link #leave} takes means the interrupt either reaches that call or is dropped: it can never
     * land in the next call of a pooled instance. A call that has not started yet (the epoch names
     * the next call) keeps the interrupt and fails as soon as it enters guest code.
     */
    public boolean interruptCall(long epoch, TrapReason reason) {
        synchronized (callLock) {
            if (epoch != callEpoch) {
                return false;
            }
            requestInterrupt(reason);
            return true;
        }
    }

    private void requestInterrupt(TrapReason reason) {
        if (pendingInterrupt == null) {
            pendingInterrupt = reason;
        }
        for (CoreInstance c : cores) {
            if (c != null) {
                c.interrupt(reason); // the core instances running guest code now
            }
        }
        if (enteringCore != null) {
            enteringCore.interruptCall(enteringCoreEpoch, reason); // dropped if that call has ended
        }
    }

    /**
     * Called before the engine enters guest code in {@code core} ({@link GuardedCoreFunction}):
     * throws the trap of an interrupt kept for the running call, so an interrupt that landed while
     * no core instance ran is not lost; else records the call about to start, so an interrupt
     * that lands before {@code core} counts it as running still reaches it.
     */
    void enterCore(CoreInstance core) {
        TrapReason pending;
        synchronized (callLock) {
            pending = pendingInterrupt;
            if (pending == null) {
                enteringCore = core;
                enteringCoreEpoch = core.callEpoch();
                return;
            }
        }
        throw interruptStop = interruptTrap(pending);
    }

    private static Trap interruptTrap(TrapReason reason) {
        return new Trap(reason, reason == TrapReason.DEADLINE_EXCEEDED
                ? "call exceeded its deadline" : "call interrupted");
    }

    /**
     * Records that the running call ended with {@code trap}: the instance is poisoned, except when
     * the trap is an interrupt the engine honoured between core calls of a resettable instance. No
     * guest code was cut off then (every core instance is whole), so after a {@link #reset} it may
     * serve again; without a reset, handles lowered for the stopped call could be left behind.
     */
    void trapped(Trap trap) {
        boolean betweenCoreCalls = trap == interruptStop && isResettable() && !isPoisoned();
        interruptStop = null;
        if (!betweenCoreCalls) {
            poison(trap);
        }
    }

    /**
     * The spec's {@code entering_set}: the component instances a call into {@code callee} enters,
     * the callee and its ancestors, minus those the caller is already inside ({@code caller} -1: the
     * host). A parent wrapping a child and called back by it ("donut wrapping") is not re-entered.
     */
    int[] enteringSet(int callee, int caller) {
        java.util.Set<Integer> inside = new java.util.HashSet<>();
        for (int i = caller; i >= 0; i = parents[i]) {
            inside.add(i);
        }
        java.util.List<Integer> set = new java.util.ArrayList<>();
        for (int i = callee; i >= 0; i = parents[i]) {
            if (!inside.contains(i)) {
                set.add(i);
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Enters the component instances of an {@link #enteringSet}: traps with {@code CANNOT_ENTER}
     * if a call into any of them is already running (the spec's {@code may_enter_from}).
     */
    void enterInstances(int[] set, String function) {
        for (int i : set) {
            if (entered[i]) {
                throw new Trap(TrapReason.CANNOT_ENTER, "cannot call " + function + ": it would re-enter a component instance "
                        + "that is already running a call");
            }
        }
        for (int i : set) {
            entered[i] = true;
        }
    }

    void leaveInstances(int[] set) {
        for (int i : set) {
            entered[i] = false;
        }
    }

    /**
     * Clears {@code may_leave} of {@code instance} while it runs {@code what} (post-return, or its
     * realloc, as the spec's {@code canon_lift} and {@code reallocate} do). Returns the previous
     * state for {@link #restoreMayLeave}.
     */
    String forbidLeaving(int instance, String what) {
        String previous = mayNotLeaveIn[instance];
        mayNotLeaveIn[instance] = what;
        return previous;
    }

    void restoreMayLeave(int instance, String previous) {
        mayNotLeaveIn[instance] = previous;
    }

    /** {@code realloc} of {@code instance}'s canon options, run with {@code may_leave} cleared as the spec's {@code reallocate} does. */
    Realloc realloc(int instance, CoreFunction function) {
        if (function == null) {
            return null;
        }
        Realloc plain = Realloc.of(function);
        return (oldPtr, oldSize, alignment, newSize) -> {
            String previous = forbidLeaving(instance, "its realloc function");
            try {
                return plain.realloc(oldPtr, oldSize, alignment, newSize);
            } finally {
                restoreMayLeave(instance, previous);
            }
        };
    }

    /** Traps unless the guest may call out now (the spec's {@code trap_if(not inst.may_leave)} in {@code canon lower}). */
    void checkMayLeave(int instance, String function) {
        String where = mayNotLeaveIn[instance];
        if (where != null) {
            throw new Trap(TrapReason.CANNOT_LEAVE, "the guest called " + function + " from " + where + ", which may not call imports");
        }
    }

    /**
     * Traps unless the guest may leave now, for the built-ins the spec guards the same way
     * ({@code canon resource.new} and {@code resource.drop}: a drop may run another component's
     * destructor). {@code resource.rep} is not guarded.
     */
    void checkMayLeaveForBuiltin(int instance, String builtin) {
        String where = mayNotLeaveIn[instance];
        if (where != null) {
            throw new Trap(TrapReason.CANNOT_LEAVE, "the guest called " + builtin + " from " + where + ", which may not use it");
        }
    }

    void poison(Trap trap) {
        if (trapReason == null) {
            trapReason = trap.reason();
        }
        poisoned = true;
    }

    /** The reason of the trap that poisoned this instance, or {@code null} if none did (or a core instance trapped on its own). */
    public TrapReason trapReason() {
        return trapReason;
    }

    // ---------------------------------------------------------------- reset

    /** Captures the state right after instantiation, for {@link #reset}. */
    void captureResetPoint(InstanceOptions options) {
        InstanceSnapshot[] s = new InstanceSnapshot[cores.length];
        for (int i = 0; i < cores.length; i++) {
            if (cores[i] != null) {
                s[i] = cores[i].snapshot();
            }
        }
        snapshots = s;
        resetOptions = options;
        resetPointMemoryBytes = memoryBytes();
    }

    public boolean isResettable() {
        return snapshots != null;
    }

    /** The size of the memories the instance defines (its core instances' own), now. */
    public long memoryBytes() {
        long total = 0;
        for (CoreInstance c : cores) {
            if (c != null) {
                total += c.ownMemoryBytes();
            }
        }
        return total;
    }

    /** {@link #memoryBytes} at the reset point. */
    public long resetPointMemoryBytes() {
        return resetPointMemoryBytes;
    }

    /** Bytes the reset point holds (copies of the initial memories). */
    public long resetPointRetainedBytes() {
        long total = 0;
        if (snapshots != null) {
            for (InstanceSnapshot s : snapshots) {
                if (s != null) {
                    total += s.retainedBytes();
                }
            }
        }
        return total;
    }

    /**
     * Returns the instance to its state right after instantiation: empties the handle table,
     * destroys the host objects left in the resource tables ({@code TEARDOWN}), restores every
     * core instance and replaces the host state with the options' values and fresh factory values.
     * Guest destructors do not run: the guest's memory goes back to its initial state anyway. If
     * anything fails the instance is poisoned (it must be discarded) and the failure rethrown.
     */
    public void reset() {
        if (snapshots == null) {
            throw new IllegalStateException("this instance was not created resettable (PreparedComponent.instantiateResettable)");
        }
        checkUsable();
        if (isPoisoned()) {
            throw new IllegalStateException("a core instance trapped earlier: the component instance must be discarded");
        }
        synchronized (callLock) {
            if (inCall) {
                throw new IllegalStateException("cannot reset a component instance while a call runs in it");
            }
            // A deadline armed before the reset belongs to the previous request.
            callEpoch++;
            pendingInterrupt = null;
            enteringCore = null;
        }
        try {
            for (HandleTable t : tables) {
                t.clear();
            }
            for (int i = 0; i < cores.length; i++) {
                if (cores[i] != null) {
                    cores[i].reset(snapshots[i]);
                }
            }
            java.util.Arrays.fill(mayNotLeaveIn, null);
            java.util.Arrays.fill(entered, false);
            host.reset(resetOptions.newState());
        } catch (RuntimeException | Error e) {
            poisoned = true;
            throw e;
        }
    }

    public boolean isPoisoned() {
        if (poisoned) {
            return true;
        }
        for (CoreInstance c : cores) {
            if (c != null && c.isPoisoned()) {
                return true;
            }
        }
        return false;
    }

    void checkUsable() {
        if (closed) {
            throw new IllegalStateException("component instance is closed");
        }
        if (poisoned) {
            throw new IllegalStateException("component instance trapped earlier and must be discarded");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (int i = cores.length - 1; i >= 0; i--) {
                if (cores[i] != null) {
                    cores[i].close();
                }
            }
        } finally {
            host.close();
        }
    }

    static Trap hostError(String message) {
        return new Trap(TrapReason.HOST_ERROR, message);
    }
}
