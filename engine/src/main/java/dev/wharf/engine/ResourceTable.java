package dev.wharf.engine;

import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;

/**
 * One component instance's Java objects behind a host-defined resource type (wasmtime's
 * {@code ResourceTable}): {@link #insert} stores an object and returns an owning handle to give
 * the guest, {@link #get} finds the object behind a handle the guest passed in, {@link #remove}
 * takes it back. The handle's rep is a slot in this table, so a handle from another instance, or
 * one whose object was removed, never reaches another object: it traps.
 *
 * <p>When the guest drops its last owning handle, the engine removes the object and passes it to
 * the destructor given to {@code Linker.defineResource}; objects still in the table when the
 * instance closes are passed to it too. Reach a table with {@link Caller#resources} inside a host
 * function, or {@link ComponentInstance#resources} outside calls. Not thread-safe: one call at a
 * time per instance.
 *
 * @param <T> the objects' type (unchecked: the plugin owning the resource type decides it)
 */
public interface ResourceTable<T> {

    ResourceType type();

    /** Stores {@code object} and returns a new owning handle for it (to return to, or pass into, the guest). */
    WitValue.Own insert(T object);

    /**
     * The object behind {@code handle}, an {@link WitValue.Own} or {@link WitValue.Borrow} of this
     * table's resource type; it stays in the table.
     *
     * @throws Trap with {@link TrapReason#INVALID_HANDLE} if the handle is of another type or
     *     kind, or dangling (its object was removed or belongs to another instance)
     */
    T get(WitValue handle);

    /** The object of {@code rep}; traps like {@link #get(WitValue)}. */
    T get(int rep);

    /**
     * Removes the object behind an owning handle and returns it, without calling the destructor:
     * the host takes it back (e.g. a guest passed {@code own<outgoing-body>} to {@code finish}).
     * Traps like {@link #get(WitValue)}. Removing an object while the guest still holds a handle
     * to it leaves that handle dangling: the guest's later use or drop of it traps.
     */
    T remove(WitValue.Own handle);

    /** Number of objects stored. */
    int size();
}
