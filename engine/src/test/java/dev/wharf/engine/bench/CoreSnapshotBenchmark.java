package dev.wharf.engine.bench;

import static dev.wharf.engine.core.WasmBuilder.I32;
import static dev.wharf.engine.core.WasmBuilder.types;

import dev.wharf.engine.core.CoreEngine;
import dev.wharf.engine.core.CoreFunction;
import dev.wharf.engine.core.CoreImports;
import dev.wharf.engine.core.CoreInstance;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.CoreModule;
import dev.wharf.engine.core.InstanceSnapshot;
import dev.wharf.engine.core.WasmBuilder;
import dev.wharf.engine.core.WasmBuilder.Code;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
import java.util.Random;
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
 * Core snapshot and reset of a module with a 17-page memory and a 1 MiB data segment (random bytes,
 * so nothing compresses), against instantiating it: what an instance pool saves per request when a
 * guest's memory is mostly initial data. Reset copies the whole memory back (no dirty-page
 * tracking), so its cost grows with the memory size, not with what the guest wrote.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CoreSnapshotBenchmark {
    CoreEngine engine;
    CoreModule module;
    CoreInstance instance;
    InstanceSnapshot pristine;
    CoreFunction scribble;
    CoreFunction grow;
    int round;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] data = new byte[1 << 20];
        new Random(1).nextBytes(data);
        WasmBuilder wasm = new WasmBuilder();
        wasm.memory(17, null);
        wasm.data(0, data);
        wasm.exportFunction("scribble", wasm.function(types(I32, I32), types(), new Code().localGet(0).localGet(1).i32Store(0)));
        wasm.exportFunction("grow", wasm.function(types(I32), types(I32), new Code().localGet(0).memoryGrow()));
        engine = ChicoryCoreEngine.builder().persistentCache(false).build();
        module = engine.compile(wasm.build());
        instance = module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED);
        pristine = instance.snapshot();
        scribble = instance.function("scribble");
        grow = instance.function("grow");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        instance.close();
        engine.close();
    }

    /** Baseline: a new instance (memory allocated, 1 MiB data segment copied in) and its close. */
    @Benchmark
    public boolean instantiate1MiB() {
        try (CoreInstance fresh = module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED)) {
            return fresh.isPoisoned();
        }
    }

    /** Capturing the instance's state (a copy of its 17 pages), what a pool does once per instance. */
    @Benchmark
    public InstanceSnapshot snapshot1MiB() {
        return instance.snapshot();
    }

    /** One store by the guest, then a reset at the same size. */
    @Benchmark
    public CoreInstance reset1MiB() {
        round = (round + 1) & 0xffff;
        scribble.call(round * 4L, round);
        instance.reset(pristine);
        return instance;
    }

    /** The guest grows its memory by 2 pages, then a reset swaps in memory of the snapshot's size. */
    @Benchmark
    public CoreInstance resetAfterGrow1MiB() {
        grow.call(2);
        instance.reset(pristine);
        return instance;
    }
}
