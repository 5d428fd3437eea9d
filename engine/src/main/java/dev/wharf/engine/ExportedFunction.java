package dev.wharf.engine;

import dev.wharf.engine.internal.link.BoundLift;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.values.WitValue;
import java.util.Arrays;
import java.util.List;

/**
 * An exported component function of one {@link ComponentInstance}, resolved once. {@link #call}
 * lowers the arguments into the guest through the canonical ABI (allocating with the guest's
 * {@code realloc} where needed), runs it, lifts the result and then calls its post-return.
 */
public final class ExportedFunction {
    private final String name;
    private final BoundLift lift;

    ExportedFunction(String name, BoundLift lift) {
        this.name = name;
        this.lift = lift;
    }

    /** {@code interface#function}. */
    public String name() {
        return name;
    }

    public FuncType type() {
        return lift.abi().type();
    }

    /**
     * Calls the function.
     *
     * @return the result, or {@code null} if the function type has none
     * @throws Trap if the guest traps or a value does not fit its type (the instance is then poisoned)
     * @throws IllegalArgumentException if the number of arguments is wrong
     */
    public WitValue call(WitValue... args) {
        return call(Arrays.asList(args));
    }

    public WitValue call(List<WitValue> args) {
        if (args.size() != type().params().size()) {
            throw new IllegalArgumentException(name + " takes " + type().params().size() + " argument(s), got " + args.size()
                    + "; its type is " + type());
        }
        return lift.call(args).orElse(null);
    }

    @Override
    public String toString() {
        return name + ": " + type();
    }
}
