package dev.wharf.engine.internal.abi;

import dev.wharf.engine.core.CoreMemory;
import dev.wharf.engine.internal.resources.CallContext;
import dev.wharf.engine.internal.resources.HandleTable;

/**
 * What lifting and lowering need besides the value and its layout (the spec's {@code
 * LiftLowerContext}): the guest's canonical options (memory, realloc, string encoding), the guest
 * instance's handle table and the borrow scope of the current call. Any of them may be {@code
 * null} when the types involved do not need it; using a missing one is an engine bug and throws
 * {@link IllegalStateException}.
 *
 * <p>One context per call (the borrow scope is per call); cheap to create.
 */
public final class LiftLowerContext {
    private final CoreMemory memory;
    private final Realloc realloc;
    private final StringEncoding encoding;
    private final HandleTable handles;
    private final CallContext borrowScope;

    public LiftLowerContext(CoreMemory memory, Realloc realloc, StringEncoding encoding, HandleTable handles,
            CallContext borrowScope) {
        this.memory = memory;
        this.realloc = realloc;
        this.encoding = encoding == null ? StringEncoding.UTF8 : encoding;
        this.handles = handles;
        this.borrowScope = borrowScope;
    }

    /** A context with memory and realloc only (no handles), UTF-8 strings. */
    public static LiftLowerContext of(CoreMemory memory, Realloc realloc) {
        return new LiftLowerContext(memory, realloc, StringEncoding.UTF8, null, null);
    }

    /** The same options with another handle table and borrow scope. */
    public LiftLowerContext withHandles(HandleTable handles, CallContext borrowScope) {
        return new LiftLowerContext(memory, realloc, encoding, handles, borrowScope);
    }

    /** The same options with another string encoding. */
    public LiftLowerContext withEncoding(StringEncoding encoding) {
        return new LiftLowerContext(memory, realloc, encoding, handles, borrowScope);
    }

    public StringEncoding encoding() {
        return encoding;
    }

    CoreMemory memory() {
        if (memory == null) {
            throw new IllegalStateException("this lift/lower needs a memory but none was given");
        }
        return memory;
    }

    HandleTable handles() {
        if (handles == null) {
            throw new IllegalStateException("this lift/lower needs a handle table but none was given");
        }
        return handles;
    }

    CallContext borrowScope() {
        if (borrowScope == null) {
            throw new IllegalStateException("this lift/lower needs a borrow scope but none was given");
        }
        return borrowScope;
    }

    /** {@code cx.reallocate}: calls realloc and checks the result is aligned and inside the memory. */
    int reallocate(int oldPtr, int oldSize, int alignment, long newSize) {
        if (realloc == null) {
            throw new IllegalStateException("this lower needs realloc but none was given");
        }
        if (newSize > 0xFFFF_FFFFL) {
            throw AbiTraps.host("allocation of " + newSize + " bytes exceeds the 32-bit address space");
        }
        int ptr = realloc.realloc(oldPtr, oldSize, alignment, (int) newSize);
        if ((ptr & (alignment - 1)) != 0) {
            throw AbiTraps.invalid("realloc returned misaligned pointer " + AbiTraps.hex(ptr) + " (alignment " + alignment + ")");
        }
        long end = Integer.toUnsignedLong(ptr) + newSize;
        if (end > memory().sizeBytes()) {
            throw AbiTraps.outOfBounds("realloc returned " + AbiTraps.hex(ptr) + " for " + newSize
                    + " bytes, beyond memory size " + memory().sizeBytes());
        }
        return ptr;
    }

    /** {@code cx.allocate}. */
    int allocate(int alignment, long size) {
        return reallocate(0, 0, alignment, size);
    }
}
