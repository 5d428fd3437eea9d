package dev.wharf.engine.bench;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.PreparedComponent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Instantiating the 12 MB componentize-js component ({@code src-test/fixtures/large/hello-js.wasm},
 * made by {@code bash src-test/guests/build.sh}). The plan is made once per trial with
 * {@code Engine.create()}, so the persistent compile cache (~/.cache/wharf/compiled) is used: the
 * first run ever compiles for 20-40 s, later ones load the cached classes. The trial setup logs how
 * long planning took. The first seconds of instantiations are about 10x slower than the steady
 * state (the JIT works through the large compiled module classes), hence the longer warm-up, which
 * {@code bench/engine.sh} also passes on the command line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class HelloJsBenchmark {
    static final String FIXTURE = "large/hello-js";

    Engine engine;
    PreparedComponent prepared;

    @Setup(Level.Trial)
    public void setUp() {
        engine = Engine.create();
        byte[] bytes = BenchSupport.fixture(FIXTURE);
        long t0 = System.nanoTime();
        ComponentPlan plan = engine.plan(bytes);
        long t1 = System.nanoTime();
        prepared = BenchSupport.stubLinker(engine, plan).prepare(plan);
        System.out.printf("%n[hello-js] %s: plan %d ms (compile cache: %s)%n", plan, (t1 - t0) / 1_000_000,
                engine.coreEngine().cacheStats());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /** A hello-js component instance made and closed (4 core instances, 80 host imports). */
    @Benchmark
    public boolean instantiateHelloJs() {
        try (ComponentInstance instance = prepared.instantiate()) {
            return instance.isPoisoned();
        }
    }
}
