package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.MutabilityType;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CoreExportDescriptor;
import dev.wharf.engine.core.CoreFunction;
import dev.wharf.engine.core.CoreGlobal;
import dev.wharf.engine.core.CoreInstance;
import dev.wharf.engine.core.CoreMemory;
import dev.wharf.engine.core.CoreModule;
import dev.wharf.engine.core.CoreTable;
import dev.wharf.engine.core.ExternKind;
import dev.wharf.engine.core.InstanceSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * A Chicory instance plus what the boundary adds: call bookkeeping for interruption, poisoning
 * after a trap, memory accounting, and snapshot/reset of its own memories, globals and tables.
 *
 * <p>Created empty first and attached to the Chicory {@link Instance} once that is built, because
 * host functions (including those run by the start function) must already know their caller.
 */
final class ChicoryInstance implements CoreInstance {

    static final long[] NO_RESULTS = new long[0];

    private final ChicoryModule module;
    private final List<GovernedMemory> ownMemories = new ArrayList<>();
    private Instance instance;
    private List<InstanceTable> ownTables = List.of();
    private GlobalInstance[] mutableGlobals = new GlobalInstance[0];

    // Call bookkeeping, guarded by `calls`: which thread runs guest code now, how deeply nested
    // (host functions may call back in), and whether interrupt() asked it to stop.
    private final Object calls = new Object();
    private Thread runningThread;
    private int callDepth;
    private volatile TrapReason requestedInterrupt;
    // Names the outermost call running now, or the next one: bumped when one ends and on reset,
    // so interruptCall from a deadline armed for an earlier call does nothing.
    private long callEpoch;
    // An interruptCall for the call of callEpoch that had not started yet: the call takes it as it
    // starts, so an interrupt that lands between the caller's decision to call and the call's
    // bookkeeping is not lost.
    private TrapReason interruptBeforeStart;

    private volatile boolean poisoned;
    private volatile boolean closed;

    ChicoryInstance(ChicoryModule module) {
        this.module = module;
    }

    void attach(Instance instance) {
        this.instance = instance;
        var tables = new ArrayList<InstanceTable>();
        for (int i = instance.imports().tableCount(); i < instance.tableCount(); i++) {
            if (instance.table(i) instanceof InstanceTable table) {
                tables.add(table);
            }
        }
        this.ownTables = List.copyOf(tables);
        var globals = new ArrayList<GlobalInstance>();
        for (int i = instance.imports().globalCount(); i < instance.globalCount(); i++) {
            var global = instance.global(i);
            if (global.getMutabilityType() == MutabilityType.Var) {
                globals.add(global);
            }
        }
        this.mutableGlobals = globals.toArray(new GlobalInstance[0]);
    }

    /**
     * Lets host functions run by the start function (before {@link #attach}) reach the instance's
     * memory and exports through their {@code caller}.
     */
    void bindDuringStart(Instance instance) {
        if (this.instance == null) {
            this.instance = instance;
        }
    }

    /** Registered by the memory factory while Chicory builds the instance. */
    void addOwnMemory(GovernedMemory memory) {
        ownMemories.add(memory);
    }

    /** Gives every reserved byte back, e.g. when instantiation fails half-way. */
    void releaseMemories() {
        ownMemories.forEach(GovernedMemory::release);
    }

    Instance chicoryInstance() {
        return instance;
    }

    // ---------------------------------------------------------------- calls

    void enterCall() {
        if (poisoned) {
            throw new IllegalStateException("instance is poisoned by an earlier trap");
        }
        if (closed) {
            throw new IllegalStateException("instance is closed");
        }
        synchronized (calls) {
            if (callDepth++ == 0) {
                runningThread = Thread.currentThread();
                requestedInterrupt = interruptBeforeStart;
                interruptBeforeStart = null;
                if (requestedInterrupt != null) {
                    // compiled code stops at its first check; exitCall or trapped clears the flag
                    runningThread.interrupt();
                }
            }
        }
    }

    void exitCall() {
        synchronized (calls) {
            if (--callDepth == 0) {
                runningThread = null;
                callEpoch++;
                if (requestedInterrupt != null) {
                    // interrupt() may have landed after the guest stopped polling; never leak the
                    // flag into the caller's next blocking operation.
                    Thread.interrupted();
                    requestedInterrupt = null;
                }
            }
        }
    }

    /** Turns a failure of guest code into a Trap and poisons the instance. */
    Trap trapped(Throwable failure) {
        TrapReason interruptReason;
        synchronized (calls) {
            interruptReason = requestedInterrupt;
        }
        if (failure instanceof ChicoryInterruptedException || interruptReason != null) {
            // Chicory leaves the thread's interrupt flag set.
            Thread.interrupted();
        }
        poisoned = true;
        return ChicoryTraps.toTrap(failure, interruptReason);
    }

    /**
     * Called when a host function returns into guest code. If the instance was interrupted while
     * the host function ran and the host swallowed the interrupt (catching InterruptedException
     * clears the flag), set the flag again so compiled code stops at its next check instead of
     * running on past its deadline.
     */
    void reassertInterrupt() {
        if (requestedInterrupt != null && !Thread.currentThread().isInterrupted()) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void interrupt(TrapReason reason) {
        synchronized (calls) {
            interruptRunningCall(reason);
        }
    }

    @Override
    public long callEpoch() {
        synchronized (calls) {
            return callEpoch;
        }
    }

    @Override
    public boolean interruptCall(long epoch, TrapReason reason) {
        synchronized (calls) {
            if (epoch != callEpoch) {
                return false;
            }
            if (runningThread == null) {
                if (interruptBeforeStart == null) {
                    interruptBeforeStart = reason;
                }
                return true;
            }
            return interruptRunningCall(reason);
        }
    }

    private boolean interruptRunningCall(TrapReason reason) {
        if (runningThread == null) {
            return false;
        }
        requestedInterrupt = reason;
        runningThread.interrupt();
        return true;
    }

    @Override
    public boolean isPoisoned() {
        return poisoned;
    }

    // ---------------------------------------------------------------- exports

    @Override
    public CoreModule module() {
        return module;
    }

    @Override
    public List<CoreExportDescriptor> exports() {
        return module.exports();
    }

    @Override
    public CoreFunction function(String exportName) {
        requireExport(exportName, ExternKind.FUNCTION);
        return new ChicoryFunction(
                this, exportName, instance.exportType(exportName), instance.exports().function(exportName));
    }

    @Override
    public CoreMemory memory() {
        var memory = instance.memory();
        return memory == null ? null : new ChicoryMemory(memory);
    }

    @Override
    public CoreMemory memory(String exportName) {
        requireExport(exportName, ExternKind.MEMORY);
        return new ChicoryMemory(instance.exports().memory(exportName));
    }

    @Override
    public CoreGlobal global(String exportName) {
        requireExport(exportName, ExternKind.GLOBAL);
        return new ChicoryGlobal(instance.exports().global(exportName));
    }

    @Override
    public CoreTable table(String exportName) {
        requireExport(exportName, ExternKind.TABLE);
        return new ChicoryTable(instance.exports().table(exportName));
    }

    private void requireExport(String name, ExternKind kind) {
        for (var export : module.exports()) {
            if (export.name().equals(name) && export.kind() == kind) {
                return;
            }
        }
        throw new IllegalArgumentException("no " + kind.name().toLowerCase() + " export named '" + name + "'");
    }

    // ---------------------------------------------------------------- snapshot / reset

    /** Captured state; only its owner can restore it. */
    record Snapshot(
            ChicoryInstance owner,
            GovernedMemory.State[] memories,
            long[] globalLow,
            long[] globalHigh,
            InstanceTable.State[] tables)
            implements InstanceSnapshot {
        @Override
        public long retainedBytes() {
            long total = 0;
            for (var memory : memories) {
                total += memory.contents().length;
            }
            return total;
        }
    }

    @Override
    public long ownMemoryBytes() {
        long total = 0;
        for (GovernedMemory memory : ownMemories) {
            total += (long) memory.pages() * CoreMemory.PAGE_SIZE;
        }
        return total;
    }

    @Override
    public InstanceSnapshot snapshot() {
        var memories = new GovernedMemory.State[ownMemories.size()];
        for (int i = 0; i < memories.length; i++) {
            memories[i] = ownMemories.get(i).capture();
        }
        var low = new long[mutableGlobals.length];
        var high = new long[mutableGlobals.length];
        for (int i = 0; i < mutableGlobals.length; i++) {
            low[i] = mutableGlobals[i].getValueLow();
            high[i] = mutableGlobals[i].getValueHigh();
        }
        var tables = new InstanceTable.State[ownTables.size()];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = ownTables.get(i).capture();
        }
        return new Snapshot(this, memories, low, high, tables);
    }

    @Override
    public void reset(InstanceSnapshot snapshot) {
        if (!(snapshot instanceof Snapshot state) || state.owner() != this) {
            throw new IllegalArgumentException("snapshot was taken from another instance");
        }
        if (closed) {
            throw new IllegalStateException("instance is closed");
        }
        synchronized (calls) {
            // Whatever was armed before the reset belongs to the previous use of the instance.
            callEpoch++;
            requestedInterrupt = null;
            interruptBeforeStart = null;
        }
        for (int i = 0; i < state.memories().length; i++) {
            ownMemories.get(i).restore(state.memories()[i]);
        }
        for (int i = 0; i < mutableGlobals.length; i++) {
            mutableGlobals[i].setValueLow(state.globalLow()[i]);
            mutableGlobals[i].setValueHigh(state.globalHigh()[i]);
        }
        for (int i = 0; i < state.tables().length; i++) {
            ownTables.get(i).restore(state.tables()[i]);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            releaseMemories();
        }
    }
}
