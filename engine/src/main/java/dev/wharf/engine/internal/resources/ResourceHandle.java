package dev.wharf.engine.internal.resources;

import dev.wharf.engine.types.ResourceType;

/**
 * An element of a component instance's handle table that refers to a resource (CanonicalABI.md
 * {@code ResourceHandle}): its type (identity), representation, whether it owns the resource, the
 * call a borrow belongs to, and how many borrows are currently lent from it.
 */
public final class ResourceHandle {
    private final ResourceType type;
    private final int rep;
    private final boolean own;
    private final CallContext borrowScope;
    int numLends;

    ResourceHandle(ResourceType type, int rep, boolean own, CallContext borrowScope) {
        this.type = type;
        this.rep = rep;
        this.own = own;
        this.borrowScope = borrowScope;
    }

    public ResourceType type() {
        return type;
    }

    public int rep() {
        return rep;
    }

    public boolean own() {
        return own;
    }

    /** The call whose borrow this is; {@code null} for an owning handle. */
    public CallContext borrowScope() {
        return borrowScope;
    }

    /** Borrows currently lent out from this handle to calls in progress. */
    public int numLends() {
        return numLends;
    }

    @Override
    public String toString() {
        return (own ? "own<" : "borrow<") + type.name() + ">(rep " + Integer.toUnsignedString(rep) + ", lends " + numLends + ")";
    }
}
