package dev.wharf.engine;

import dev.wharf.engine.core.CoreMemory;
import dev.wharf.engine.types.ResourceType;

/**
 * What a host function sees of the component instance calling it (wasmtime's {@code Caller}):
 * the instance's host state, its host resource tables, and, for hot paths, the guest memory and
 * {@code realloc} the canonical options of this import name. Valid only during the call; one
 * object per instance and import, so keeping it costs nothing per call.
 */
public interface Caller {

    /** The import being called, {@code interface#function}. */
    String function();

    /**
     * The instance's state for {@code key}: the value given when instantiating or set since,
     * else created by the key's initializer on first use.
     *
     * @throws IllegalStateException if the key has no value and no initializer
     */
    <T> T state(StateKey<T> key);

    /**
     * The instance's table of Java objects behind host resource {@code type}.
     *
     * @throws IllegalArgumentException if {@code type} was not defined with {@code
     *     Linker.defineResource(iface, type, destructor)}
     */
    <T> ResourceTable<T> resources(ResourceType type);

    /**
     * The guest memory the import's canonical options name: pointers in the arguments point into it.
     *
     * @throws IllegalStateException if the import was lowered without a {@code memory} option
     *     (possible only when no argument or result needs memory)
     */
    CoreMemory memory();

    /**
     * Calls the guest's {@code realloc} named by the import's options: {@code realloc(0, 0,
     * alignment, size)} allocates. The returned pointer is not checked: check it before writing.
     *
     * @throws IllegalStateException if the import was lowered without a {@code realloc} option
     */
    int realloc(int oldPtr, int oldSize, int alignment, int newSize);

    /**
     * For {@link RawHostFunction}s: the object behind guest handle index {@code handle} (an own or
     * a borrow in the guest's handle table) of host resource {@code type}. The handle stays with
     * the guest.
     *
     * @throws Trap with {@link TrapReason#INVALID_HANDLE} if the index is unknown, of another type,
     *     or its object is gone
     */
    <T> T handle(ResourceType type, int handle);

    /**
     * For {@link RawHostFunction}s returning a new resource (a constructor, or an error handle such
     * as {@code wasi:io}'s {@code error}): stores {@code object} in the instance's table of host
     * resource {@code type} and gives the guest a new owning handle to it. Returns the handle's
     * index in the guest's handle table, the {@code i32} to return or write to guest memory where
     * the canonical ABI puts an {@code own<type>}. The guest's drop of it runs the resource's
     * destructor as usual. Non-raw host functions return {@code caller.resources(type).insert(o)}
     * instead, and the engine lowers it.
     *
     * @throws IllegalArgumentException if {@code type} was not defined with {@code
     *     Linker.defineResource(iface, type, destructor)}
     */
    default <T> int newOwnHandle(ResourceType type, T object) {
        throw new UnsupportedOperationException("this caller cannot create handles");
    }

    /**
     * For {@link RawHostFunction}s: moves {@code own}, an owning handle the host holds (from {@link
     * ResourceTable#insert}), into the guest's handle table and returns its index there, as {@link
     * #newOwnHandle} does for a new object. The host must not use {@code own} again.
     */
    default int lowerOwn(dev.wharf.engine.values.WitValue.Own own) {
        throw new UnsupportedOperationException("this caller cannot create handles");
    }
}
