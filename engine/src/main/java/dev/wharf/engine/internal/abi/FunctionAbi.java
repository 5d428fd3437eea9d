package dev.wharf.engine.internal.abi;

import dev.wharf.engine.core.ValueType;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.TupleType;
import dev.wharf.engine.types.ValType;
import dev.wharf.engine.values.WitValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Canonical ABI of one (synchronous) component function type, precomputed at plan time:
 * parameter and result layouts, {@code flatten_functype} for both directions, and the
 * {@code lift_flat_values}/{@code lower_flat_values} steps with the {@link #MAX_FLAT_PARAMS} and
 * {@link #MAX_FLAT_RESULTS} limits.
 *
 * <p>Two directions:
 * <ul>
 *   <li>Calling a guest export ({@code canon lift}): {@link #lowerParams} turns the caller's values
 *       into the export's core arguments (more than 16 flat values go into a tuple the guest's
 *       realloc allocates); {@link #liftResult} reads the export's core result (more than 1 flat
 *       value means the result is a pointer to the value in memory).
 *   <li>A guest calling an import ({@code canon lower}): {@link #liftParams} reads the core
 *       arguments (a single pointer to the tuple when spilled); {@link #lowerResult} writes the
 *       result, through the trailing return-pointer argument when it does not fit one flat value.
 * </ul>
 *
 * Immutable and thread-safe; the per-call state lives in the {@link LiftLowerContext}.
 */
public final class FunctionAbi {
    public static final int MAX_FLAT_PARAMS = 16;
    public static final int MAX_FLAT_RESULTS = 1;

    private final FuncType type;
    private final Layout[] params;
    private final Layout paramTuple;
    private final Layout result;
    private final int flatParamCount;
    private final int flatResultCount;

    private FunctionAbi(FuncType type) {
        this.type = type;
        List<ValType> paramTypes = type.params().stream().map(FuncType.Param::type).toList();
        this.params = paramTypes.stream().map(Layout::of).toArray(Layout[]::new);
        int n = 0;
        for (Layout p : params) {
            n += p.flatCount();
        }
        this.flatParamCount = n;
        this.paramTuple = n > MAX_FLAT_PARAMS ? Layout.of(new TupleType(paramTypes)) : null;
        this.result = type.result().map(Layout::of).orElse(null);
        this.flatResultCount = result == null ? 0 : result.flatCount();
    }

    /** Precomputes the ABI of {@code type} (layouts come from the shared cache). */
    public static FunctionAbi of(FuncType type) {
        if (type.async()) {
            throw new IllegalArgumentException("async functions are not supported yet: " + type);
        }
        return new FunctionAbi(type);
    }

    public FuncType type() {
        return type;
    }

    public List<Layout> paramLayouts() {
        return List.of(params);
    }

    public Optional<Layout> resultLayout() {
        return Optional.ofNullable(result);
    }

    /** Parameters travel as one pointer to a tuple in memory. */
    public boolean paramsInMemory() {
        return paramTuple != null;
    }

    /** The result travels through memory (return pointer). */
    public boolean resultInMemory() {
        return flatResultCount > MAX_FLAT_RESULTS;
    }

    /** {@code flatten_functype(opts, ft, 'lift')}: the signature the guest export must have. */
    public dev.wharf.engine.core.FuncType coreTypeForLift() {
        List<ValueType> p = paramsInMemory() ? List.of(ValueType.I32) : flatParams();
        List<ValueType> r = resultInMemory() ? List.of(ValueType.I32) : flatResults();
        return new dev.wharf.engine.core.FuncType(p, r);
    }

    /** {@code flatten_functype(opts, ft, 'lower')}: the signature of the core function a guest imports. */
    public dev.wharf.engine.core.FuncType coreTypeForLower() {
        List<ValueType> p = new ArrayList<>(paramsInMemory() ? List.of(ValueType.I32) : flatParams());
        List<ValueType> r = flatResults();
        if (resultInMemory()) {
            p.add(ValueType.I32);
            r = List.of();
        }
        return new dev.wharf.engine.core.FuncType(p, r);
    }

    private List<ValueType> flatParams() {
        List<ValueType> out = new ArrayList<>(flatParamCount);
        for (Layout p : params) {
            out.addAll(p.flatTypes());
        }
        return out;
    }

    private List<ValueType> flatResults() {
        return result == null ? List.of() : result.flatTypes();
    }

    // ------------------------------------------------------------------ calling a guest export

    /** Lowers {@code args} into the guest: the core arguments for the export. */
    public long[] lowerParams(LiftLowerContext cx, List<WitValue> args) {
        checkArgCount(args);
        if (paramTuple != null) {
            int ptr = cx.allocate(paramTuple.alignment(), paramTuple.size());
            for (int i = 0; i < params.length; i++) {
                CanonicalAbi.store(cx, params[i], args.get(i), ptr + paramTuple.fieldOffset(i));
            }
            return new long[] {Integer.toUnsignedLong(ptr)};
        }
        long[] out = new long[flatParamCount];
        CanonicalAbi.FlatWriter w = new CanonicalAbi.FlatWriter(out, 0);
        for (int i = 0; i < params.length; i++) {
            CanonicalAbi.lowerFlat(cx, params[i], args.get(i), w);
        }
        return out;
    }

    /** Lifts the export's core results into the result value (empty if the function has none). */
    public Optional<WitValue> liftResult(LiftLowerContext cx, long[] coreResults) {
        if (result == null) {
            return Optional.empty();
        }
        if (resultInMemory()) {
            expectLength(coreResults, 1, "core results");
            int ptr = (int) coreResults[0];
            return Optional.of(CanonicalAbi.loadChecked(cx, result, ptr));
        }
        expectLength(coreResults, flatResultCount, "core results");
        return Optional.of(CanonicalAbi.liftFlat(cx, result, new CanonicalAbi.FlatReader(coreResults, 0)));
    }

    // ------------------------------------------------------------------ a guest calling an import

    /** Lifts the core arguments of a guest's call to an import. */
    public List<WitValue> liftParams(LiftLowerContext cx, long[] coreArgs) {
        int expected = (paramsInMemory() ? 1 : flatParamCount) + (resultInMemory() ? 1 : 0);
        expectLength(coreArgs, expected, "core arguments");
        WitValue[] out = new WitValue[params.length];
        if (paramTuple != null) {
            int ptr = (int) coreArgs[0];
            CanonicalAbi.checkRange(cx, paramTuple, ptr, "parameter tuple");
            for (int i = 0; i < params.length; i++) {
                out[i] = CanonicalAbi.load(cx, params[i], ptr + paramTuple.fieldOffset(i));
            }
        } else {
            CanonicalAbi.FlatReader r = new CanonicalAbi.FlatReader(coreArgs, 0);
            for (int i = 0; i < params.length; i++) {
                out[i] = CanonicalAbi.liftFlat(cx, params[i], r);
            }
        }
        return Arrays.asList(out);
    }

    /**
     * Lowers the import's result back into the guest: the core results to return, or an empty
     * array after writing the value through the return pointer (the last core argument).
     */
    public long[] lowerResult(LiftLowerContext cx, Optional<WitValue> value, long[] coreArgs) {
        if (result == null) {
            if (value.isPresent()) {
                throw AbiTraps.host("function " + type + " returns nothing, got " + value.get());
            }
            return new long[0];
        }
        WitValue v = value.orElseThrow(() -> AbiTraps.host("function " + type + " must return a value"));
        if (resultInMemory()) {
            int retPtr = (int) coreArgs[coreArgs.length - 1];
            CanonicalAbi.storeChecked(cx, result, v, retPtr);
            return new long[0];
        }
        return CanonicalAbi.lowerFlat(cx, result, v);
    }

    private void checkArgCount(List<WitValue> args) {
        if (args.size() != params.length) {
            throw AbiTraps.host("function " + type + " takes " + params.length + " arguments, got " + args.size());
        }
    }

    private static void expectLength(long[] values, int n, String what) {
        if (values.length != n) {
            throw new IllegalArgumentException("expected " + n + " " + what + ", got " + values.length);
        }
    }
}
