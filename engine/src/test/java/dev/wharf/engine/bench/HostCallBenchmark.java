package dev.wharf.engine.bench;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.ExportedFunction;
import dev.wharf.engine.Linker;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.PrimitiveType;
import dev.wharf.engine.values.WitValue;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of a host call round trip with a string argument, against an exported-function call
 * with the same string and no host call. The component is {@code src/test/resources/bench/host-call.wat}:
 * every export takes {@code s: string} and returns a {@code u32}. Each benchmark is one
 * {@code ExportedFunction.call} from Java, so all three pay lowering {@code s} into the guest
 * (through its {@code cabi_realloc}) and lifting the result:
 * <ul>
 *   <li>{@link #exportCallString}: {@code local(s)} returns {@code len(s)} in the guest.
 *   <li>{@link #hostCallRoundTripString}: {@code via-host(s)} calls the imported {@code take(s)},
 *       defined with {@code Linker.define}: the engine lifts {@code s} into a {@code WitValue.Str},
 *       calls the host function and lowers its {@code u32}.
 *   <li>{@link #hostCallRoundTripStringRaw}: {@code via-host-raw(s)} calls {@code take-raw(s)},
 *       defined with {@code Linker.defineRaw}: the host gets {@code (ptr, len)} and lifts nothing.
 * </ul>
 * The host call's own cost is the difference to {@link #exportCallString}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class HostCallBenchmark {
    static final String HOST = "wharf:bench/host@1.0.0";
    static final String APP = "wharf:bench/app@1.0.0";
    static final FuncType STRING_TO_U32 = new FuncType(
            List.of(new FuncType.Param("s", PrimitiveType.STRING)), Optional.of(PrimitiveType.U32));

    /** A 32-byte ASCII argument, the size of a typical header name or short value. */
    final WitValue argument = WitValue.string("content-type: application/json!!");

    Engine engine;
    ComponentInstance instance;
    ExportedFunction local;
    ExportedFunction viaHost;
    ExportedFunction viaHostRaw;

    @Setup(Level.Trial)
    public void setUp() {
        engine = new Engine(ChicoryCoreEngine.builder().persistentCache(false).build());
        ComponentPlan plan = engine.plan(BenchSupport.resource("host-call.wasm"));
        Linker linker = new Linker(engine)
                .define(HOST, "take", STRING_TO_U32, args -> WitValue.u32(((WitValue.Str) args.get(0)).value().length()))
                .defineRaw(HOST, "take-raw", STRING_TO_U32, (caller, args) -> new long[] {args[1]});
        instance = linker.prepare(plan).instantiate();
        local = instance.function(APP, "local");
        viaHost = instance.function(APP, "via-host");
        viaHostRaw = instance.function(APP, "via-host-raw");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        instance.close();
        engine.close();
    }

    @Benchmark
    public WitValue exportCallString() {
        return local.call(argument);
    }

    @Benchmark
    public WitValue hostCallRoundTripString() {
        return viaHost.call(argument);
    }

    @Benchmark
    public WitValue hostCallRoundTripStringRaw() {
        return viaHostRaw.call(argument);
    }
}
