package dev.wharf.engine.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.HostFunction;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.testing.Fixtures;
import dev.wharf.engine.values.WitValue;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed fixture plans, prepares against a linker with a stub for each imported function
 * (generated from the component's import types) and instantiates: its core modules compile, link
 * and run their start functions. The stubs fail if called, so a start function calling the host
 * would show up here.
 */
class AllFixturesLinkingTest {
    private static Engine engine;

    @BeforeAll
    static void setUp() {
        engine = LinkTesting.newEngine();
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    static Stream<String> fixtures() {
        return Fixtures.wasmFiles().stream().map(p -> p.getFileName().toString());
    }

    @Test
    void theFixturesAreThere() {
        assertThat(Fixtures.wasmFiles()).hasSizeGreaterThanOrEqualTo(17);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void plansPreparesAndInstantiates(String fixture) {
        ComponentPlan plan = engine.plan(Fixtures.read(Fixtures.DIR.resolve(fixture)));
        // A reactor's _initialize (the Rust fixtures) reads its environment while it is instantiated: an empty one.
        HostFunction empty = HostFunction.of(args -> WitValue.list());
        PreparedComponent prepared = new StubLinker(engine, plan,
                Map.of("get-environment", empty, "get-arguments", empty)).linker.prepare(plan);
        try (ComponentInstance instance = prepared.instantiate()) {
            assertThat(instance.isPoisoned()).isFalse();
        }
        assertThat(plan.coreModuleCount()).isPositive();
    }
}
