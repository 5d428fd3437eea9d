package dev.wharf.engine.internal.link;

import dev.wharf.engine.core.CoreFunction;
import dev.wharf.engine.core.CoreMemory;
import dev.wharf.engine.internal.abi.FunctionAbi;
import dev.wharf.engine.internal.abi.LiftLowerContext;
import dev.wharf.engine.internal.abi.Realloc;
import dev.wharf.engine.internal.abi.StringEncoding;
import dev.wharf.engine.internal.resources.CallContext;
import dev.wharf.engine.values.WitValue;
import java.util.List;
import java.util.Optional;

/**
 * A lifted export bound to one instance: the core function and its options resolved to live
 * objects, so a call does no lookups. Calls it the way the spec's {@code canon_lift} does for a
 * synchronous function: lower the arguments, call, lift the result, check borrows, post-return.
 */
public final class BoundLift {
    private final RuntimeState state;
    private final CoreFunction function;
    private final CoreMemory memory;
    private final Realloc realloc;
    private final CoreFunction postReturn;
    private final StringEncoding encoding;
    private final FunctionAbi abi;
    private final String displayName;
    private final int instance;
    /** The component instances a call from the host enters: the lift's instance and its ancestors. */
    private final int[] fromHost;

    BoundLift(String displayName, int instance, RuntimeState state, CoreFunction function, CoreMemory memory, Realloc realloc, CoreFunction postReturn,
            StringEncoding encoding, FunctionAbi abi) {
        this.state = state;
        this.function = function;
        this.memory = memory;
        this.realloc = realloc;
        this.postReturn = postReturn;
        this.encoding = encoding;
        this.abi = abi;
        this.displayName = displayName;
        this.instance = instance;
        this.fromHost = state.enteringSet(instance, -1);
    }

    String displayName() {
        return displayName;
    }

    /** The component instance that lifts this function (0: the outermost). */
    int instance() {
        return instance;
    }

    public FunctionAbi abi() {
        return abi;
    }

    /** Calls the export from the host; a trap poisons the whole component instance (see {@link RuntimeState#callFromHost}). */
    public Optional<WitValue> call(List<WitValue> args) {
        return state.callFromHost(displayName, fromHost, () -> invoke(args, r -> r));
    }

    /**
     * The callee side of a synchronous call (the spec's {@code canon_lift}), the caller having
     * entered this lift's instance: lower the arguments into this instance, call, lift the result,
     * check the borrows given for the call were dropped, hand the result to {@code onReturn} (the
     * caller lowers it, as the spec's {@code on_resolve}), then run post-return with
     * {@code may_leave} off.
     */
    <R> R invoke(List<WitValue> args, java.util.function.Function<Optional<WitValue>, R> onReturn) {
        CallContext scope = new CallContext();
        LiftLowerContext cx = new LiftLowerContext(memory, realloc, encoding, state.handles(instance), scope);
        long[] coreArgs = abi.lowerParams(cx, args);
        long[] coreResults = function.call(coreArgs);
        Optional<WitValue> result = abi.liftResult(cx, coreResults);
        scope.checkBorrowsDropped();
        R delivered = onReturn.apply(result);
        if (postReturn != null) {
            String previous = state.forbidLeaving(instance, "a post-return function");
            try {
                postReturn.call(coreResults);
            } finally {
                state.restoreMayLeave(instance, previous);
            }
        }
        return delivered;
    }
}
