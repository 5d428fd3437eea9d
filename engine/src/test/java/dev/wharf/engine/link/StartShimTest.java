package dev.wharf.engine.link;

import static dev.wharf.engine.values.WitValue.u32;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import org.junit.jupiter.api.Test;

/**
 * wit-component calls a main module's {@code _initialize} from a start shim whose import is named "" "" (start-shim.wat):
 * every component built by rustc's wasm32-wasip2 linker has one. It plans, passes the upload inspection, and runs
 * _initialize at instantiation.
 */
class StartShimTest {

    @Test
    void theShimRunsInitializeWhenTheComponentIsInstantiated() {
        try (Engine engine = LinkTesting.newEngine();
                ComponentInstance instance =
                        new Linker(engine).prepare(engine.plan(HostImportsLinkingTest.load("start-shim"))).instantiate()) {
            assertThat(instance.function("initialized").call()).isEqualTo(u32(42));
        }
    }

    @Test
    void theInspectorAcceptsIt() {
        try (Engine inspector = Engine.inspector()) {
            var plan = inspector.plan(HostImportsLinkingTest.load("start-shim"));
            assertThat(plan.coreModuleCount()).isEqualTo(2);
            assertThat(new Linker(inspector).prepare(plan).plan()).isSameAs(plan);
        }
    }
}
