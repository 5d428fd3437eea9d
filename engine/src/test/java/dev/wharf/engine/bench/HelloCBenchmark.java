package dev.wharf.engine.bench;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentParser;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.ParsedComponent;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.core.CoreImports;
import dev.wharf.engine.core.CoreInstance;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.CoreModule;
import dev.wharf.engine.core.InstanceSnapshot;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
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
 * The pipeline stages for hello-c ({@code src-test/fixtures/hello-c.wasm}), with the raw core
 * baselines: {@link #coreInstantiateHelloCMain} instantiates hello-c's main core module alone
 * through the {@code CoreEngine} (stub function imports), {@link #coreResetHelloCMain} resets an
 * instance of it from a snapshot instead. The engine keeps compiled modules in memory (no disk
 * cache), so {@link #planHelloC} measures planning with a warm module cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class HelloCBenchmark {
    Engine engine;
    byte[] bytes;
    ParsedComponent parsed;
    ComponentPlan plan;
    Linker linker;
    PreparedComponent prepared;
    CoreModule mainModule;
    CoreImports mainImports;
    CoreInstance resettable;
    InstanceSnapshot snapshot;

    @Setup(Level.Trial)
    public void setUp() {
        engine = new Engine(ChicoryCoreEngine.builder().persistentCache(false).build());
        bytes = BenchSupport.fixture("hello-c");
        parsed = ComponentParser.parse(bytes);
        plan = engine.plan(parsed); // compiles the core modules once
        linker = BenchSupport.stubLinker(engine, plan);
        prepared = linker.prepare(plan);
        mainModule = engine.coreEngine().compile(BenchSupport.largestCoreModule(bytes));
        mainImports = BenchSupport.stubCoreImports(mainModule.imports());
        resettable = mainModule.instantiate(mainImports, CoreLimits.UNLIMITED);
        snapshot = resettable.snapshot();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        resettable.close();
        engine.close();
    }

    /** Cold decode + validate of the component bytes (no compiling). */
    @Benchmark
    public ParsedComponent parseHelloC() {
        return ComponentParser.parse(bytes);
    }

    /** {@code Engine.plan} on the parsed component, core modules from the in-memory cache. */
    @Benchmark
    public ComponentPlan planHelloC() {
        return engine.plan(parsed);
    }

    /** {@code Linker.prepare}: resolve and type-check every import against the stub definitions. */
    @Benchmark
    public PreparedComponent prepareHelloC() {
        return linker.prepare(plan);
    }

    /** A component instance made and closed. */
    @Benchmark
    public boolean instantiateHelloC() {
        try (ComponentInstance instance = prepared.instantiate()) {
            return instance.isPoisoned();
        }
    }

    /** Baseline: hello-c's main core module alone, instantiated and closed through the CoreEngine. */
    @Benchmark
    public boolean coreInstantiateHelloCMain() {
        try (CoreInstance instance = mainModule.instantiate(mainImports, CoreLimits.UNLIMITED)) {
            return instance.isPoisoned();
        }
    }

    /** The pool's alternative to the baseline: reset an instance of the same module from its snapshot. */
    @Benchmark
    public CoreInstance coreResetHelloCMain() {
        resettable.reset(snapshot);
        return resettable;
    }
}
