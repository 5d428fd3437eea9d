package dev.wharf.engine;

import dev.wharf.engine.values.WitValue;
import java.util.List;

/**
 * A host implementation of an imported component function. It receives the arguments already
 * lifted out of the guest (typed {@link WitValue}s, in parameter order) and returns the result,
 * which the engine lowers back into the guest.
 *
 * <p>Return {@code null} when the function type has no result. Throwing traps the calling guest
 * with {@link TrapReason#HOST_ERROR} (the exception is the trap's cause); throw a {@link Trap} to
 * choose the reason.
 */
@FunctionalInterface
public interface HostFunction {
    WitValue call(List<WitValue> params);
}
