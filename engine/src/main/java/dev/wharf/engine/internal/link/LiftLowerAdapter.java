package dev.wharf.engine.internal.link;

import dev.wharf.engine.core.CoreMemory;
import dev.wharf.engine.core.HostCallback;
import dev.wharf.engine.core.CoreInstance;
import dev.wharf.engine.internal.abi.FunctionAbi;
import dev.wharf.engine.internal.abi.LiftLowerContext;
import dev.wharf.engine.internal.abi.Realloc;
import dev.wharf.engine.internal.abi.StringEncoding;
import dev.wharf.engine.internal.resources.CallContext;
import dev.wharf.engine.values.WitValue;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@code canon lower} of a function that another component instance lifts (composed components:
 * the "fused adapter" of the spec, wasmtime's FACT). The caller's arguments are lifted out of its
 * memory with its options into {@link WitValue}s and lowered into the callee with the callee's,
 * and the result goes back the same way: strings are re-encoded, lists copied, {@code own}
 * handles move from one instance's table to the other's and {@code borrow}s are lent for the call.
 * Going through {@code WitValue} is simple rather than fast.
 */
final class LiftLowerAdapter implements HostCallback {
    private final String name;
    private final RuntimeState state;
    private final int callerInstance;
    private final CoreMemory callerMemory;
    private final Realloc callerRealloc;
    private final StringEncoding callerEncoding;
    private final FunctionAbi abi;
    /** The callee, bound lazily: its core instance may be created after the caller's. */
    private final Supplier<BoundLift> calleeSupplier;
    private BoundLift callee;
    private int[] entering;

    LiftLowerAdapter(String name, RuntimeState state, int callerInstance, CoreMemory callerMemory, Realloc callerRealloc,
            StringEncoding callerEncoding, FunctionAbi abi, Supplier<BoundLift> callee) {
        this.name = name;
        this.state = state;
        this.callerInstance = callerInstance;
        this.callerMemory = callerMemory;
        this.callerRealloc = callerRealloc;
        this.callerEncoding = callerEncoding;
        this.abi = abi;
        this.calleeSupplier = callee;
    }

    @Override
    public long[] apply(CoreInstance caller, long[] args) {
        state.checkMayLeave(callerInstance, name);
        if (callee == null) {
            callee = calleeSupplier.get();
            entering = state.enteringSet(callee.instance(), callerInstance);
        }
        state.enterInstances(entering, callee.displayName());
        try {
            CallContext callerScope = new CallContext();
            LiftLowerContext callerCx = new LiftLowerContext(callerMemory, callerRealloc, callerEncoding,
                    state.handles(callerInstance), callerScope);
            List<WitValue> params = abi.liftParams(callerCx, args);
            long[] out = callee.invoke(params, result -> abi.lowerResult(callerCx, result, args));
            callerScope.releaseLenders();
            return out;
        } finally {
            state.leaveInstances(entering);
        }
    }
}
