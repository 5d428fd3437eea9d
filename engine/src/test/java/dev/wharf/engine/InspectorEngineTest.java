package dev.wharf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.core.CoreModuleException;
import dev.wharf.engine.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** {@link Engine#inspector()}: checks components like the real engine, compiles nothing. */
class InspectorEngineTest {

    @Test
    void plansAndLinksButCannotInstantiate() {
        try (Engine inspector = Engine.inspector()) {
            ComponentPlan plan = inspector.plan(Fixtures.read(Fixtures.DIR.resolve("trap-c.wasm")));
            assertThat(plan.coreModuleCount()).isPositive();
            assertThatThrownBy(() -> new Linker(inspector).prepare(plan))
                    .isInstanceOf(UnlinkableComponentException.class).hasMessageContaining("wasi:http/types");
        }
    }

    @Test
    void rejectsAnInvalidCoreModuleLikeTheRealEngine() {
        try (Engine inspector = Engine.inspector()) {
            assertThatThrownBy(() -> inspector.coreEngine().compile(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 99}))
                    .isInstanceOf(CoreModuleException.class);
        }
    }
}
