package dev.wharf.engine.bench;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
import dev.wharf.engine.pool.InstancePool;
import dev.wharf.engine.pool.PoolConfig;
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
 * What a request pays for its instance of hello-c: a lease from an {@link InstancePool} (acquire,
 * then close, which resets the instance: its 3 core instances' memories, globals and tables, the
 * handle table, the host state) against a new instance made and closed. Linked with the stub
 * linker of {@link HelloCBenchmark}; no export is called, so the reset restores an instance whose
 * memory is unchanged, which costs the same as one a request wrote to (reset copies whole memories).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class PoolBenchmark {
    Engine engine;
    PreparedComponent prepared;
    InstancePool pool;

    @Setup(Level.Trial)
    public void setUp() {
        engine = new Engine(ChicoryCoreEngine.builder().persistentCache(false).build());
        ComponentPlan plan = engine.plan(BenchSupport.fixture("hello-c"));
        prepared = BenchSupport.stubLinker(engine, plan).prepare(plan);
        pool = InstancePool.create(prepared, InstanceOptions.defaults(), PoolConfig.ofSize(1).withPrewarm(1));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        engine.close();
    }

    /** Baseline: a new hello-c instance, closed. */
    @Benchmark
    public boolean instantiateCloseHelloC() {
        try (ComponentInstance instance = prepared.instantiate()) {
            return instance.isPoisoned();
        }
    }

    /** A pool miss: a new instance with its reset point captured (what a pool creates), closed. */
    @Benchmark
    public boolean instantiateResettableHelloC() {
        try (ComponentInstance instance = prepared.instantiateResettable(InstanceOptions.defaults())) {
            return instance.isPoisoned();
        }
    }

    /** A pool hit: lease the idle instance and give it back (reset). */
    @Benchmark
    public boolean poolAcquireReleaseHelloC() throws InterruptedException {
        try (InstancePool.Lease lease = pool.acquire()) {
            return lease.instance().isPoisoned();
        }
    }
}
