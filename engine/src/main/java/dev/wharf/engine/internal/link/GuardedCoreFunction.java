package dev.wharf.engine.internal.link;

import dev.wharf.engine.core.CoreFunction;
import dev.wharf.engine.core.CoreInstance;
import dev.wharf.engine.core.FuncType;

/**
 * A core function the component layer calls (a lifted export, realloc, post-return, a resource
 * destructor): before entering guest code it honours an interrupt kept for the running call, and
 * tells the component instance which core call is about to start ({@link RuntimeState#enterCore}).
 * A core instance can only stop a call it is running, so without this an interrupt that lands
 * while the engine lowers arguments or lifts results in Java, with no core instance running, would
 * be lost. Functions one core instance imports from another are linked unwrapped: those calls are
 * already inside a running core instance, which the interrupt reached.
 */
final class GuardedCoreFunction implements CoreFunction {
    private final RuntimeState state;
    private final CoreInstance core;
    private final CoreFunction target;

    GuardedCoreFunction(RuntimeState state, CoreInstance core, CoreFunction target) {
        this.state = state;
        this.core = core;
        this.target = target;
    }

    @Override
    public String name() {
        return target.name();
    }

    @Override
    public FuncType type() {
        return target.type();
    }

    @Override
    public long[] call(long... args) {
        state.enterCore(core);
        return target.call(args);
    }
}
