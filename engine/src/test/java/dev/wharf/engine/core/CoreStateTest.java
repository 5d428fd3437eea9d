package dev.wharf.engine.core;

import static dev.wharf.engine.core.WasmBuilder.I32;
import static dev.wharf.engine.core.WasmBuilder.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.core.WasmBuilder.Code;
import dev.wharf.engine.testing.TempDirCoreEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-instance state: isolation between instances and snapshot/reset for pooling. */
class CoreStateTest {

    private static final long PAGE = CoreMemory.PAGE_SIZE;

    @RegisterExtension final TempDirCoreEngine engine = new TempDirCoreEngine();

    @Test
    void tableGrowInOneInstanceDoesNotAffectAnother() {
        var wasm = new WasmBuilder();
        wasm.export("table", WasmBuilder.KIND_TABLE, wasm.table(2, 10));
        wasm.exportFunction("grow", wasm.function(types(I32), types(I32), new Code().refNullFunc().localGet(0).tableGrow(0)));
        wasm.exportFunction("size", wasm.function(types(), types(I32), new Code().tableSize(0)));
        var module = engine.compile(wasm.build());
        try (var first = module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED)) {
            assertThat(first.function("grow").call(3)).containsExactly(2);
            assertThat(first.function("size").call()).containsExactly(5);
            assertThat(first.table("table").size()).isEqualTo(5);
            try (var second = module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED)) {
                assertThat(second.function("size").call()).containsExactly(2);
                assertThat((int) second.function("grow").call(9)[0]).as("max 10 still applies per instance").isEqualTo(-1);
                assertThat(second.function("grow").call(8)).containsExactly(2);
                assertThat(second.function("size").call()).containsExactly(10);
            }
            assertThat(first.function("size").call()).containsExactly(5);
        }
    }

    /** Memory with data "hello" at 16, a mutable counter global, and functions that mutate both. */
    private CoreModule stateful() {
        var wasm = new WasmBuilder();
        wasm.memory(1, null);
        int counter = wasm.global(I32, true, new Code().i32Const(7));
        wasm.export("counter", WasmBuilder.KIND_GLOBAL, counter);
        wasm.export("table", WasmBuilder.KIND_TABLE, wasm.table(1, null));
        wasm.data(16, "hello".getBytes());
        wasm.exportFunction("bump", wasm.function(types(), types(I32),
                new Code().globalGet(counter).i32Const(1).i32Add().globalSet(counter).globalGet(counter)));
        wasm.exportFunction("scribble", wasm.function(types(I32, I32), types(), new Code().localGet(0).localGet(1).i32Store(0)));
        wasm.exportFunction("grow", wasm.function(types(I32), types(I32), new Code().localGet(0).memoryGrow()));
        wasm.exportFunction("growTable", wasm.function(types(I32), types(I32), new Code().refNullFunc().localGet(0).tableGrow(0)));
        return engine.compile(wasm.build());
    }

    @Test
    void resetRestoresMemoryGlobalsAndTables() {
        var budget = new MemoryBudget(100 * PAGE);
        try (var instance = stateful().instantiate(CoreImports.none(), CoreLimits.of(50 * PAGE, budget))) {
            var pristine = instance.snapshot();
            assertThat(pristine.retainedBytes()).isEqualTo(PAGE);
            var memory = instance.memory();
            var bump = instance.function("bump");

            for (int round = 0; round < 3; round++) {
                assertThat(bump.call()).containsExactly(8);
                assertThat(bump.call()).containsExactly(9);
                instance.function("scribble").call(16, 0x41414141);
                assertThat((int) instance.function("grow").call(3)[0]).isEqualTo(1);
                instance.function("scribble").call(70_000, 1);
                memory.writeInt(4 * 65536 - 4, 99);
                assertThat(instance.function("growTable").call(4)).containsExactly(1);
                assertThat(budget.used()).isEqualTo(4 * PAGE);

                instance.reset(pristine);

                assertThat(memory.pages()).isEqualTo(1);
                assertThat(budget.used()).as("grown pages returned to the budget").isEqualTo(PAGE);
                assertThat(new String(memory.readBytes(16, 5))).isEqualTo("hello");
                assertThat(memory.readInt(64)).isZero();
                assertThat(instance.global("counter").get()).isEqualTo(7);
                assertThat(instance.table("table").size()).isEqualTo(1);
            }
            // After a reset without growth the same pages are rewritten in place.
            instance.function("scribble").call(16, 0);
            instance.reset(pristine);
            assertThat(new String(memory.readBytes(16, 5))).isEqualTo("hello");
        }
    }

    @Test
    void snapshotOfAnotherInstanceIsRejected() {
        var module = stateful();
        try (var first = module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED);
                var second = module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED)) {
            var snapshot = first.snapshot();
            assertThatThrownBy(() -> second.reset(snapshot)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void exportedGlobalIsReadableAndWritable() {
        try (var instance = stateful().instantiate(CoreImports.none(), CoreLimits.UNLIMITED)) {
            var counter = instance.global("counter");
            assertThat(counter.type()).isEqualTo(ValueType.I32);
            assertThat(counter.mutable()).isTrue();
            counter.set(41);
            assertThat(instance.function("bump").call()).containsExactly(42);
        }
    }
}
