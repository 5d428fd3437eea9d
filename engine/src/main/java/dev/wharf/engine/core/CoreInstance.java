package dev.wharf.engine.core;

import dev.wharf.engine.TrapReason;
import java.util.List;

/**
 * A running instance of a {@link CoreModule}. Not thread-safe: one call at a time (the instance
 * pool hands an instance to one request at a time); {@link #interrupt} is the exception and may be
 * called from any thread.
 *
 * <p>Once a call traps the instance is <em>poisoned</em>: its state may be half-updated, so further
 * calls are refused and the pool must discard it rather than reuse it.
 */
public interface CoreInstance extends AutoCloseable, Interruptible {

    CoreModule module();

    List<CoreExportDescriptor> exports();

    /**
     * Resolves an exported function once; keep the handle and call it many times.
     *
     * @throws IllegalArgumentException if there is no function export of that name
     */
    CoreFunction function(String exportName);

    /** The instance's memory 0 (defined or imported), or {@code null} if it has none. */
    CoreMemory memory();

    /** An exported memory; throws {@link IllegalArgumentException} if absent. */
    CoreMemory memory(String exportName);

    /** An exported global; throws {@link IllegalArgumentException} if absent. */
    CoreGlobal global(String exportName);

    /** An exported table; throws {@link IllegalArgumentException} if absent. */
    CoreTable table(String exportName);

    /**
     * The current size in bytes of the memories this instance defines (not those it imports), so a
     * pool can tell how much an instance grew since its snapshot.
     */
    long ownMemoryBytes();

    /**
     * Captures the instance's own state: memory contents and size, mutable globals, table
     * contents. Items imported from other instances belong to them and are not captured.
     */
    InstanceSnapshot snapshot();

    /**
     * Restores the state captured by {@link #snapshot()} of this same instance, so a pool can reuse
     * an instance as if freshly created, much cheaper than instantiating again. Does not clear
     * poisoning: a trapped instance is discarded, not reset.
     *
     * @throws IllegalArgumentException if the snapshot was taken from another instance
     */
    void reset(InstanceSnapshot snapshot);

    /**
     * Asks the call running on this instance, if any, to stop; it then fails with a trap of reason
     * {@code INTERRUPTED}. Safe from any thread; does nothing when no call runs.
     */
    default void interrupt() {
        interrupt(TrapReason.INTERRUPTED);
    }

    /** Like {@link #interrupt()}, reporting {@code reason} (the watchdog passes a deadline). */
    @Override
    void interrupt(TrapReason reason);

    /** True once a call on this instance has trapped. */
    boolean isPoisoned();

    /** Returns the instance's memory to the global budget. Further calls are refused. */
    @Override
    void close();
}
