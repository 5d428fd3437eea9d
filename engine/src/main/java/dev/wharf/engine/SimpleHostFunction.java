package dev.wharf.engine;

import dev.wharf.engine.values.WitValue;
import java.util.List;

/**
 * A {@link HostFunction} that needs no {@link Caller}: {@code args -> WitValue.u32(42)}. {@code
 * Linker.define} accepts one directly.
 */
@FunctionalInterface
public interface SimpleHostFunction {
    WitValue call(List<WitValue> params);
}
