package dev.wharf.engine.internal.link;

import dev.wharf.engine.Caller;
import dev.wharf.engine.ResourceTable;
import dev.wharf.engine.StateKey;
import dev.wharf.engine.core.CoreMemory;
import dev.wharf.engine.internal.abi.Realloc;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;

/** The {@link Caller} of one lowered import in one instance: made at instantiation, reused by every call. */
final class LoweredCaller implements Caller {
    private final String function;
    private final RuntimeState state;
    private final dev.wharf.engine.internal.resources.HandleTable handles;
    private final CoreMemory memory;
    private final Realloc realloc;

    LoweredCaller(String function, RuntimeState state, dev.wharf.engine.internal.resources.HandleTable handles, CoreMemory memory, Realloc realloc) {
        this.function = function;
        this.state = state;
        this.handles = handles;
        this.memory = memory;
        this.realloc = realloc;
    }

    @Override
    public String function() {
        return function;
    }

    @Override
    public <T> T state(StateKey<T> key) {
        return state.host().state(key);
    }

    @Override
    public <T> ResourceTable<T> resources(ResourceType type) {
        return state.host().resources(type);
    }

    @Override
    public CoreMemory memory() {
        if (memory == null) {
            throw new IllegalStateException(function + " was lowered without a memory option");
        }
        return memory;
    }

    @Override
    public int realloc(int oldPtr, int oldSize, int alignment, int newSize) {
        if (realloc == null) {
            throw new IllegalStateException(function + " was lowered without a realloc option");
        }
        return realloc.realloc(oldPtr, oldSize, alignment, newSize);
    }

    @Override
    public <T> T handle(ResourceType type, int handle) {
        int rep = handles.handle(handle, type).rep();
        return state.host().<T>resources(type).get(rep);
    }

    @Override
    public <T> int newOwnHandle(ResourceType type, T object) {
        return lowerOwn(state.host().<T>resources(type).insert(object));
    }

    @Override
    public int lowerOwn(WitValue.Own own) {
        return handles.lowerOwn(own.resource(), own.rep());
    }

    @Override
    public String toString() {
        return "Caller[" + function + "]";
    }
}
