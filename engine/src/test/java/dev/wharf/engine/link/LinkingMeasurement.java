package dev.wharf.engine.link;

import static dev.wharf.engine.values.WitValue.u32;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.ExportedFunction;
import dev.wharf.engine.PreparedComponent;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rough timings of plan, prepare, instantiate and a call (not a benchmark; no JMH). Run with
 * {@code ./mvnw -o -pl engine test -Dtest=LinkingMeasurement -Dwharf.measure=true} and read stdout.
 */
@EnabledIfSystemProperty(named = "wharf.measure", matches = "true")
class LinkingMeasurement {

    @Test
    void measure() {
        try (Engine engine = LinkTesting.newEngine()) {
            for (String fixture : new String[] {"abi-scalars", "abi-resources", "hello-c", "stdio-c"}) {
                byte[] bytes = LinkTesting.fixture(fixture);
                engine.plan(bytes); // warm-up and compile
                ComponentPlan plan = time("plan " + fixture, 200, () -> engine.plan(bytes));
                PreparedComponent prepared = time("prepare " + fixture, 200, () -> StubLinker.of(engine, plan).prepare(plan));
                time("instantiate+close " + fixture, 500, () -> {
                    prepared.instantiate().close();
                    return null;
                });
            }
            PreparedComponent scalars = StubLinker.of(engine, engine.plan(LinkTesting.fixture("abi-scalars")))
                    .prepare(engine.plan(LinkTesting.fixture("abi-scalars")));
            try (ComponentInstance instance = scalars.instantiate()) {
                ExportedFunction f = instance.function("wharf:abi/scalars", "add-one-u32");
                time("call add-one-u32", 200_000, () -> f.call(u32(1)));
            }
        }
    }

    private static <T> T time(String what, int rounds, Supplier<T> action) {
        T last = null;
        for (int i = 0; i < rounds / 10 + 1; i++) {
            last = action.get();
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            last = action.get();
        }
        long ns = (System.nanoTime() - start) / rounds;
        System.out.printf("%-40s %10.1f us%n", what, ns / 1000.0);
        return last;
    }
}
