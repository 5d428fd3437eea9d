package dev.wharf.engine.internal.chicory;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.wharf.engine.core.CoreFunction;
import dev.wharf.engine.core.FuncType;

/**
 * An exported function resolved to Chicory's {@link ExportFunction} once; a call goes straight to
 * the machine by function index, with only the instance's call bookkeeping around it.
 */
final class ChicoryFunction implements CoreFunction {

    private final ChicoryInstance owner;
    private final String name;
    private final FunctionType chicoryType;
    private final FuncType type;
    private final ExportFunction export;
    private final int paramCount;

    ChicoryFunction(ChicoryInstance owner, String name, FunctionType chicoryType, ExportFunction export) {
        this.owner = owner;
        this.name = name;
        this.chicoryType = chicoryType;
        this.type = ChicoryTypes.toFuncType(chicoryType);
        this.export = export;
        this.paramCount = chicoryType.params().size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FuncType type() {
        return type;
    }

    FunctionType chicoryType() {
        return chicoryType;
    }

    /**
     * Calls without the owner's bookkeeping: used when another instance imports this function, so
     * the call is already inside the importing instance's guarded call.
     */
    long[] callLinked(long[] args) {
        return export.apply(args);
    }

    @Override
    public long[] call(long... args) {
        owner.enterCall();
        if (args.length != paramCount) {
            // A host-side bug, not a guest trap: do not poison the instance. Entered and left all the
            // same, so an interrupt kept for this call is used up with it.
            owner.exitCall();
            throw new IllegalArgumentException(
                    name + " takes " + paramCount + " argument(s), got " + args.length);
        }
        try {
            long[] results = export.apply(args);
            return results == null ? ChicoryInstance.NO_RESULTS : results;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError failure) {
            throw owner.trapped(failure);
        } finally {
            owner.exitCall();
        }
    }
}
