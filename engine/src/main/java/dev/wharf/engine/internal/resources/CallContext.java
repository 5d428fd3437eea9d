package dev.wharf.engine.internal.resources;

import java.util.ArrayList;
import java.util.List;

/**
 * The borrow scope of one cross-boundary call: the spec's {@code Task} and {@code Subtask}
 * bookkeeping for {@code borrow} handles, for synchronous calls.
 *
 * <ul>
 *   <li>Callee side ({@code Task.num_borrows}): every borrow handle lowered into the callee's table
 *       during the call counts here until the callee drops it; {@link #checkBorrowsDropped()}
 *       traps if any remain when the callee returns.
 *   <li>Caller side ({@code Subtask.lenders}): every handle lifted as a borrow from the caller's
 *       table is lent for the call (its lend count is raised, so it cannot be dropped or moved);
 *       {@link #releaseLenders()} gives them back when the call has returned.
 * </ul>
 *
 * Not thread-safe; a call runs on one thread.
 */
public final class CallContext {
    private int numBorrows;
    private List<ResourceHandle> lenders = new ArrayList<>(2);

    /** Borrow handles lowered into the callee during this call and not yet dropped. */
    public int outstandingBorrows() {
        return numBorrows;
    }

    /** Handles currently lent by the caller for this call. */
    public int lentHandles() {
        return lenders == null ? 0 : lenders.size();
    }

    void borrowLowered() {
        numBorrows++;
    }

    void borrowDropped() {
        numBorrows--;
    }

    void addLender(ResourceHandle h) {
        if (lenders == null) {
            throw new IllegalStateException("call already returned its lent handles");
        }
        h.numLends++;
        lenders.add(h);
    }

    /**
     * The callee is returning ({@code Task.return_}): traps if it still holds borrow handles it was
     * given for this call.
     */
    public void checkBorrowsDropped() {
        if (numBorrows > 0) {
            throw HandleTraps.trap(numBorrows + " borrowed handle(s) not dropped before the call returned");
        }
    }

    /** The call has returned to the caller ({@code Subtask.deliver_resolve}): lent handles come back. */
    public void releaseLenders() {
        if (lenders == null) {
            return;
        }
        for (ResourceHandle h : lenders) {
            h.numLends--;
        }
        lenders = null;
    }

    /** Ends the call: {@link #checkBorrowsDropped()} then {@link #releaseLenders()}. */
    public void end() {
        checkBorrowsDropped();
        releaseLenders();
    }
}
