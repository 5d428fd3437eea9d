package dev.wharf.engine.core;

import static dev.wharf.engine.core.WasmBuilder.I32;
import static dev.wharf.engine.core.WasmBuilder.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.WasmBuilder.Code;
import dev.wharf.engine.testing.TempDirCoreEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Memory caps and the shared budget: a refused grow is -1 to the guest, never an error. */
class CoreLimitsTest {

    private static final long PAGE = CoreMemory.PAGE_SIZE;

    @RegisterExtension final TempDirCoreEngine engine = new TempDirCoreEngine();

    /** A module with memory (min, max) exporting grow(delta) -> old size and size(). */
    private CoreModule growable(int min, Integer max) {
        var wasm = new WasmBuilder();
        wasm.memory(min, max);
        wasm.exportFunction("grow", wasm.function(types(I32), types(I32), new Code().localGet(0).memoryGrow()));
        wasm.exportFunction("size", wasm.function(types(), types(I32), new Code().memorySize()));
        return engine.compile(wasm.build());
    }

    @Test
    void growBeyondHostCapReturnsMinusOne() {
        try (var instance = growable(1, null).instantiate(CoreImports.none(), CoreLimits.of(4 * PAGE, MemoryBudget.unlimited()))) {
            var grow = instance.function("grow");
            assertThat(grow.call(3)).containsExactly(1);
            assertThat((int) grow.call(1)[0]).isEqualTo(-1);
            assertThat(instance.function("size").call()).containsExactly(4);
            assertThat(instance.memory().grow(1)).isEqualTo(-1);
            assertThat(instance.isPoisoned()).isFalse();
        }
    }

    @Test
    void declaredMaximumWinsWhenSmallerThanTheCap() {
        try (var instance = growable(1, 2).instantiate(CoreImports.none(), CoreLimits.of(100 * PAGE, MemoryBudget.unlimited()))) {
            var grow = instance.function("grow");
            assertThat((int) grow.call(2)[0]).isEqualTo(-1);
            assertThat((int) grow.call(1)[0]).isEqualTo(1);
            assertThat((int) grow.call(1)[0]).isEqualTo(-1);
        }
    }

    @Test
    void initialSizeAboveTheCapCannotBeInstantiated() {
        assertThatThrownBy(() -> growable(8, null).instantiate(CoreImports.none(), CoreLimits.of(2 * PAGE, MemoryBudget.unlimited())))
                .isInstanceOfSatisfying(CoreModuleException.class,
                        e -> assertThat(e.kind()).isEqualTo(CoreModuleException.Kind.UNINSTANTIABLE));
    }

    @Test
    void globalBudgetRefusesGrowWhenExhaustedAndFreesOnClose() {
        var budget = new MemoryBudget(5 * PAGE);
        var limits = CoreLimits.of(100 * PAGE, budget);
        var module = growable(1, null);
        var first = module.instantiate(CoreImports.none(), limits);
        var second = module.instantiate(CoreImports.none(), limits);
        assertThat(budget.used()).isEqualTo(2 * PAGE);

        assertThat((int) first.function("grow").call(2)[0]).isEqualTo(1);
        assertThat(budget.used()).isEqualTo(4 * PAGE);
        assertThat((int) second.function("grow").call(2)[0]).as("only one page left").isEqualTo(-1);
        assertThat(budget.used()).isEqualTo(4 * PAGE);
        assertThat((int) second.function("grow").call(1)[0]).isEqualTo(1);
        assertThat(budget.available()).isZero();

        assertThatThrownBy(() -> module.instantiate(CoreImports.none(), limits))
                .isInstanceOfSatisfying(Trap.class, trap -> assertThat(trap.reason()).isEqualTo(TrapReason.OUT_OF_MEMORY));
        assertThat(budget.used()).isEqualTo(5 * PAGE);

        first.close();
        assertThat(budget.used()).isEqualTo(2 * PAGE);
        assertThat((int) second.function("grow").call(3)[0]).isEqualTo(2);
        second.close();
        assertThat(budget.used()).isZero();
    }
}
