package dev.wharf.engine;

import dev.wharf.engine.values.WitValue;
import java.util.List;
import java.util.Objects;

/**
 * A host implementation of an imported component function. It receives the {@link Caller} (the
 * calling instance's host state, resource tables and memory) and the arguments already lifted out
 * of the guest (typed {@link WitValue}s, in parameter order), and returns the result, which the
 * engine lowers back into the guest.
 *
 * <pre>{@code
 * linker.define(TYPES, "[method]fields.append", appendType, (caller, args) -> {
 *     Fields fields = caller.<Fields>resources(FIELDS).get(args.get(0));
 *     fields.append(((WitValue.Str) args.get(1)).value(), ((WitValue.Bytes) args.get(2)).toByteArray());
 *     return WitValue.ok();
 * });
 * }</pre>
 *
 * <p>Return {@code null} when the function type has no result. Throwing traps the calling guest
 * with {@link TrapReason#HOST_ERROR} (the exception is the trap's cause); throw a {@link Trap} to
 * choose the reason. Stateless functions can be written as a {@link SimpleHostFunction}.
 */
@FunctionalInterface
public interface HostFunction {
    WitValue call(Caller caller, List<WitValue> params);

    /** Adapts a function that needs no caller. */
    static HostFunction of(SimpleHostFunction function) {
        Objects.requireNonNull(function, "function");
        return (caller, params) -> function.call(params);
    }
}
