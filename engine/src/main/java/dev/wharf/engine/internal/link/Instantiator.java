package dev.wharf.engine.internal.link;

import dev.wharf.engine.HostFunction;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.RawHostFunction;
import dev.wharf.engine.ResourceDestructor;
import dev.wharf.engine.core.CoreFunction;
import dev.wharf.engine.core.CoreImports;
import dev.wharf.engine.core.CoreInstance;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.CoreMemory;
import dev.wharf.engine.core.FuncType;
import dev.wharf.engine.core.HostCallback;
import dev.wharf.engine.core.ValueType;
import dev.wharf.engine.internal.abi.FunctionAbi;
import dev.wharf.engine.internal.abi.LiftLowerContext;
import dev.wharf.engine.internal.abi.Realloc;
import dev.wharf.engine.internal.resources.CallContext;
import dev.wharf.engine.internal.resources.Destructor;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.Optional;

/**
 * Replays a plan's steps: instantiates the core modules in order with their imports linked, builds
 * the host callbacks of lowered imports and resource built-ins, and binds the lifted exports. No
 * parsing and no index-space walking; the only name lookups left are the core instances' own
 * export lookups, once per link.
 */
public final class Instantiator {
    static final FuncType I32_TO_I32 = FuncType.of(List.of(ValueType.I32), List.of(ValueType.I32));
    static final FuncType I32_TO_NONE = FuncType.of(List.of(ValueType.I32), List.of());
    private static final long[] NONE = new long[0];

    /** A live instance: its state and its bound lifts (same order as the plan's lifts). */
    public record Instantiated(RuntimeState state, BoundLift[] lifts) {}

    private final ComponentPlanData plan;
    private final Object[] hosts;
    private final CoreLimits limits;
    private final RuntimeState state;
    private final HostCallback[] lowered;
    private final FuncType[] loweredTypes;
    private final HostCallback[] builtins;
    private final FuncType[] builtinTypes;
    /** Lifts bound so far (adapters bind their callee on first call, exports after the last step). */
    private final BoundLift[] bound;

    private Instantiator(ComponentPlanData plan, Object[] hosts, CoreLimits limits, HostStore store) {
        this.plan = plan;
        this.hosts = hosts;
        this.limits = limits;
        this.state = new RuntimeState(plan.coreInstanceSlots(), plan.instanceParents(), store);
        this.bound = new BoundLift[plan.lifts().size()];
        this.lowered = new HostCallback[plan.loweredCount()];
        this.loweredTypes = new FuncType[plan.loweredCount()];
        this.builtins = new HostCallback[plan.builtinCount()];
        this.builtinTypes = new FuncType[plan.builtinCount()];
    }

    /**
     * Instantiates {@code plan}; {@code hosts[i]} implements {@code plan.hostImports().get(i)}
     * (already type-checked), a {@link HostFunction} or a {@link RawHostFunction}. {@code
     * rawDestructors} has the rep destructors of the raw-rep host resources, {@code tableDestructors}
     * the object destructors of every table-managed host resource the linker defines (after
     * substitution). With {@code resettable} the state right after instantiation is captured, so
     * {@link RuntimeState#reset} can return to it. On failure every core instance created so far is closed.
     */
    public static Instantiated instantiate(ComponentPlanData plan, Object[] hosts, Map<ResourceType, IntConsumer> rawDestructors,
            Map<ResourceType, ResourceDestructor<Object>> tableDestructors, InstanceOptions options, boolean resettable) {
        HostStore store = new HostStore(tableDestructors, options.newState());
        Instantiator in = new Instantiator(plan, hosts, options.limits(), store);
        rawDestructors.forEach((type, d) -> in.state.defineHostResource(type, d::accept));
        tableDestructors.keySet().forEach(type -> in.state.defineHostResource(type, rep -> store.dropFromGuest(type, rep)));
        try {
            for (Step step : plan.steps()) {
                in.replay(step);
            }
            BoundLift[] lifts = new BoundLift[plan.lifts().size()];
            for (int i = 0; i < lifts.length; i++) {
                lifts[i] = in.bound(i);
            }
            if (resettable) {
                in.state.captureResetPoint(options);
            }
            return new Instantiated(in.state, lifts);
        } catch (RuntimeException | Error e) {
            in.state.close();
            throw e;
        }
    }

    private void replay(Step step) {
        switch (step) {
            case Step.InstantiateModule m -> {
                CoreImports.Builder imports = CoreImports.builder();
                for (Step.Link link : m.links()) {
                    link(imports, link);
                }
                state.cores[m.slot()] = plan.modules().get(m.module()).instantiate(imports.build(), limits);
            }
            case Step.LowerImport l -> {
                loweredTypes[l.index()] = l.abi().coreTypeForLower();
                lowered[l.index()] = lower(l.instance(), plan.hostImports().get(l.hostImport()), hosts[l.hostImport()], l.options(), l.abi());
            }
            case Step.LowerLifted l -> {
                loweredTypes[l.index()] = l.abi().coreTypeForLower();
                CanonOptionsPlan o = l.options();
                CoreFunction reallocFn = function(o.realloc());
                lowered[l.index()] = new LiftLowerAdapter(plan.lifts().get(l.lift()).displayName(), state, l.instance(), memory(o.memory()),
                        state.realloc(l.instance(), reallocFn), o.encoding(), l.abi(), () -> bound(l.lift()));
            }
            case Step.ResourceBuiltin b -> {
                ResourceType type = b.type();
                // resolved on first drop: the defining instance's DefineResource may come later
                Destructor[] dropDestructor = new Destructor[1];
                builtinTypes[b.index()] = b.kind() == Step.BuiltinKind.DROP ? I32_TO_NONE : I32_TO_I32;
                builtins[b.index()] = switch (b.kind()) {
                    // resource.new and resource.drop trap while may_leave is off (post-return), as
                    // the spec's canon_resource_new/drop do; resource.rep does not check it.
                    case NEW -> (caller, args) -> {
                        state.checkMayLeaveForBuiltin(b.instance(), "resource.new of " + type.name());
                        return new long[] {Integer.toUnsignedLong(state.handles(b.instance()).resourceNew(type, (int) args[0]))};
                    };
                    case REP -> (caller, args) -> new long[] {Integer.toUnsignedLong(state.handles(b.instance()).resourceRep(type, (int) args[0]))};
                    case DROP -> (caller, args) -> {
                        state.checkMayLeaveForBuiltin(b.instance(), "resource.drop of " + type.name());
                        if (dropDestructor[0] == null) {
                            Destructor d = state.destructorFor(b.instance(), type);
                            dropDestructor[0] = d != null ? d : rep -> { };
                        }
                        state.handles(b.instance()).resourceDrop(type, (int) args[0], dropDestructor[0]);
                        return NONE;
                    };
                };
            }
            case Step.DefineResource d -> {
                Destructor destructor = null;
                if (d.destructor() != null) {
                    CoreRef.Export dtorRef = d.destructor();
                    // resolved lazily: the destructor's instance may be created after the type definition
                    destructor = new Destructor() {
                        private CoreFunction dtor;

                        @Override
                        public void destroy(int rep) {
                            if (dtor == null) {
                                dtor = function(dtorRef);
                            }
                            dtor.call(Integer.toUnsignedLong(rep));
                        }
                    };
                }
                state.defineResource(d.instance(), d.type(), destructor);
            }
        }
    }

    private void link(CoreImports.Builder imports, Step.Link link) {
        switch (link.source()) {
            case CoreRef.Export e -> {
                CoreInstance from = state.cores[e.slot()];
                switch (e.sort()) {
                    case CORE_FUNC -> imports.function(link.module(), link.name(), from.function(e.name()));
                    case CORE_MEMORY -> imports.memory(link.module(), link.name(), from.memory(e.name()));
                    case CORE_TABLE -> imports.table(link.module(), link.name(), from.table(e.name()));
                    case CORE_GLOBAL -> imports.global(link.module(), link.name(), from.global(e.name()));
                    default -> throw new IllegalStateException("cannot link a " + e.sort());
                }
            }
            case CoreRef.Lowered l -> imports.function(link.module(), link.name(), loweredTypes[l.index()], lowered[l.index()]);
            case CoreRef.Builtin b -> imports.function(link.module(), link.name(), builtinTypes[b.index()], builtins[b.index()]);
        }
    }

    /** A core function the component layer calls (never one linked into another core instance). */
    private CoreFunction function(CoreRef.Export ref) {
        if (ref == null) {
            return null;
        }
        CoreInstance core = state.cores[ref.slot()];
        return new GuardedCoreFunction(state, core, core.function(ref.name()));
    }

    private CoreMemory memory(CoreRef.Export ref) {
        return ref == null ? null : state.cores[ref.slot()].memory(ref.name());
    }

    private HostCallback lower(int instance, HostImport imp, Object implementation, CanonOptionsPlan options, FunctionAbi abi) {
        CoreMemory memory = memory(options.memory());
        CoreFunction reallocFn = function(options.realloc());
        Realloc realloc = state.realloc(instance, reallocFn);
        boolean hasResult = imp.type().result().isPresent();
        String name = imp.displayName();
        LoweredCaller hostCaller = new LoweredCaller(name, state, state.handles(instance), memory, realloc);
        if (implementation instanceof RawHostFunction raw) {
            int results = abi.coreTypeForLower().results().size();
            return (caller, args) -> {
                state.checkMayLeave(instance, name);
                long[] out = raw.call(hostCaller, args);
                if (out == null ? results != 0 : out.length != results) {
                    throw RuntimeState.hostError("raw host function " + name + " returned " + (out == null ? 0 : out.length)
                            + " core value(s), its core type has " + results);
                }
                return out == null ? NONE : out;
            };
        }
        HostFunction host = (HostFunction) implementation;
        return (caller, args) -> {
            state.checkMayLeave(instance, name);
            CallContext scope = new CallContext();
            LiftLowerContext cx = new LiftLowerContext(memory, realloc, options.encoding(), state.handles(instance), scope);
            List<WitValue> params = abi.liftParams(cx, args);
            WitValue result = host.call(hostCaller, params);
            if (hasResult && result == null) {
                throw RuntimeState.hostError("host function " + imp.displayName() + " returned no value; its type is " + imp.type());
            }
            long[] out = abi.lowerResult(cx, hasResult ? Optional.of(result) : Optional.empty(), args);
            scope.end();
            return out;
        };
    }

    private BoundLift bound(int index) {
        if (bound[index] == null) {
            bound[index] = bind(plan.lifts().get(index));
        }
        return bound[index];
    }

    private BoundLift bind(LiftPlan lift) {
        CanonOptionsPlan o = lift.options();
        CoreFunction reallocFn = function(o.realloc());
        return new BoundLift(lift.displayName(), lift.instance(), state, function(lift.function()), memory(o.memory()), state.realloc(lift.instance(), reallocFn),
                function(o.postReturn()), o.encoding(), lift.abi());
    }

}
