package dev.wharf.engine.internal.chicory;

import static dev.wharf.engine.core.WasmBuilder.I32;
import static dev.wharf.engine.core.WasmBuilder.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CoreImports;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.WasmBuilder;
import dev.wharf.engine.core.WasmBuilder.Code;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A start function that never returns is stopped by {@code CoreLimits.startTimeout} with DEADLINE_EXCEEDED instead
 * of holding the instantiating thread forever, and leaves no interrupt behind; a quick one is not disturbed.
 */
@Timeout(60)
class StartDeadlineTest {

    /** A module whose start function loops forever (or, with {@code loops} false, returns at once). */
    private static byte[] module(boolean loops) {
        var wasm = new WasmBuilder();
        wasm.memory(1, null);
        Code body = loops ? new Code().loop().br(0).end() : new Code();
        int start = wasm.function(types(), types(), body);
        wasm.exportFunction("one", wasm.function(types(), types(I32), new Code().i32Const(1)));
        wasm.start(start);
        return wasm.build();
    }

    @Test
    void aStartFunctionThatNeverReturnsIsStoppedAtItsDeadline() {
        try (var engine = ChicoryCoreEngine.builder().persistentCache(false).build()) {
            var module = engine.compile(module(true));
            var limits = CoreLimits.UNLIMITED.withStartTimeout(Duration.ofMillis(200));
            assertThatThrownBy(() -> module.instantiate(CoreImports.none(), limits))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.reason()).isEqualTo(TrapReason.DEADLINE_EXCEEDED));
            assertThat(Thread.currentThread().isInterrupted()).as("no interrupt left on the thread").isFalse();
        }
    }

    @Test
    void aQuickStartFunctionIsNotDisturbed() throws Exception {
        try (var engine = ChicoryCoreEngine.builder().persistentCache(false).build()) {
            var module = engine.compile(module(false));
            var limits = CoreLimits.UNLIMITED.withStartTimeout(Duration.ofMillis(50));
            try (var instance = module.instantiate(CoreImports.none(), limits)) {
                Thread.sleep(100); // past the deadline: it was disarmed when the start function returned
                assertThat(instance.function("one").call()[0]).isEqualTo(1);
            }
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }
}
