package dev.wharf.engine.core;

import static dev.wharf.engine.core.WasmBuilder.I32;
import static dev.wharf.engine.core.WasmBuilder.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.WasmBuilder.Code;
import dev.wharf.engine.testing.TempDirCoreEngine;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every way guest code can fail ends in one typed Trap, and the instance is poisoned. */
class CoreTrapsTest {

    @RegisterExtension final TempDirCoreEngine engine = new TempDirCoreEngine();

    private CoreInstance instantiate(WasmBuilder wasm) {
        return engine.compile(wasm.build()).instantiate(CoreImports.none(), CoreLimits.UNLIMITED);
    }

    private static void assertTrap(Runnable call, TrapReason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(Trap.class, trap -> assertThat(trap.reason()).isEqualTo(reason))
                .satisfies(trap -> assertThat(trap.getStackTrace()).isEmpty());
    }

    @Test
    void unreachableTrapsAndPoisonsTheInstance() {
        var wasm = new WasmBuilder();
        wasm.exportFunction("boom", wasm.function(types(), types(), new Code().unreachable()));
        wasm.exportFunction("fine", wasm.function(types(), types(I32), new Code().i32Const(1)));
        try (var instance = instantiate(wasm)) {
            var fine = instance.function("fine");
            assertThat(instance.isPoisoned()).isFalse();
            assertTrap(() -> instance.function("boom").call(), TrapReason.UNREACHABLE);
            assertThat(instance.isPoisoned()).isTrue();
            assertThatThrownBy(fine::call).isInstanceOf(IllegalStateException.class).hasMessageContaining("poisoned");
        }
    }

    @Test
    void outOfBoundsAccessTrapsInGuestAndHost() {
        var wasm = new WasmBuilder();
        wasm.memory(1, null);
        wasm.exportFunction("load", wasm.function(types(I32), types(I32), new Code().localGet(0).i32Load(0)));
        try (var instance = instantiate(wasm)) {
            var memory = instance.memory();
            assertThat(memory.pages()).isEqualTo(1);
            assertThat(memory.sizeBytes()).isEqualTo(65536);
            memory.writeInt(100, 0xCAFE);
            memory.writeLong(200, -5L);
            memory.writeFloat(300, 1.25f);
            memory.writeDouble(400, -2.5);
            memory.writeBytes(500, new byte[] {1, 2, 3});
            assertThat(memory.readInt(100)).isEqualTo(0xCAFE);
            assertThat(memory.readLong(200)).isEqualTo(-5L);
            assertThat(memory.readFloat(300)).isEqualTo(1.25f);
            assertThat(memory.readDouble(400)).isEqualTo(-2.5);
            assertThat(memory.readBytes(500, 3)).containsExactly(1, 2, 3);
            assertThat(instance.function("load").call(100)).containsExactly(0xCAFE);

            assertTrap(() -> memory.readInt(65534), TrapReason.MEMORY_OUT_OF_BOUNDS);
            assertTrap(() -> memory.writeBytes(-1, new byte[1]), TrapReason.MEMORY_OUT_OF_BOUNDS);
            assertTrap(() -> memory.readBytes(65000, 1000), TrapReason.MEMORY_OUT_OF_BOUNDS);
            assertThat(instance.isPoisoned()).as("host-side bounds errors do not poison").isFalse();

            assertTrap(() -> instance.function("load").call(65533), TrapReason.MEMORY_OUT_OF_BOUNDS);
            assertThat(instance.isPoisoned()).isTrue();
        }
    }

    @Test
    void deepRecursionExhaustsTheStack() {
        var wasm = new WasmBuilder();
        // (func $down (param i32) (result i32) local.get 0 i32.const 1 i32.add call $down)
        int self = 0;
        wasm.exportFunction("down", wasm.function(types(I32), types(I32), new Code().localGet(0).i32Const(1).i32Add().call(self)));
        try (var instance = instantiate(wasm)) {
            assertTrap(() -> instance.function("down").call(0), TrapReason.STACK_EXHAUSTED);
            assertThat(instance.isPoisoned()).isTrue();
        }
    }

    @Test
    void divisionByZeroTraps() {
        var wasm = new WasmBuilder();
        wasm.exportFunction("div", wasm.function(types(I32, I32), types(I32), new Code().localGet(0).localGet(1).i32DivS()));
        try (var instance = instantiate(wasm)) {
            assertTrap(() -> instance.function("div").call(1, 0), TrapReason.INTEGER_DIVIDE_BY_ZERO);
        }
        try (var instance = instantiate(wasm)) {
            assertTrap(() -> instance.function("div").call(Integer.MIN_VALUE, -1), TrapReason.INTEGER_OVERFLOW);
        }
    }

    private static WasmBuilder infiniteLoop() {
        var wasm = new WasmBuilder();
        // (loop $l (br $l))
        wasm.exportFunction("spin", wasm.function(types(), types(), new Code().loop().br(0).end()));
        wasm.exportFunction("one", wasm.function(types(), types(I32), new Code().i32Const(1)));
        return wasm;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void watchdogStopsAnInfiniteLoopAtItsDeadline() {
        var module = engine.compile(infiniteLoop().build());
        try (var instance = module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED)) {
            var spin = instance.function("spin");
            try (var deadline = Watchdog.shared().arm(instance, Duration.ofMillis(200))) {
                assertTrap(spin::call, TrapReason.DEADLINE_EXCEEDED);
                assertThat(deadline.expired()).isTrue();
            }
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag cleared").isFalse();
            assertThat(instance.isPoisoned()).isTrue();
        }
        try (var fresh = module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED);
                var deadline = Watchdog.shared().arm(fresh, Duration.ofSeconds(30))) {
            assertThat(fresh.function("one").call()).containsExactly(1);
            assertThat(deadline.expired()).isFalse();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void interruptFromAnotherThreadStopsTheCall() throws Exception {
        try (var instance = instantiate(infiniteLoop())) {
            var spin = instance.function("spin");
            var started = new CountDownLatch(1);
            var interrupter = new Thread(() -> {
                try {
                    started.await();
                    Thread.sleep(100);
                    instance.interrupt();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            interrupter.start();
            started.countDown();
            assertTrap(spin::call, TrapReason.INTERRUPTED);
            interrupter.join();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void interruptWithoutRunningCallDoesNothing() {
        try (var instance = instantiate(infiniteLoop())) {
            instance.interrupt();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(instance.function("one").call()).containsExactly(1);
        }
    }

    @Test
    void disarmedDeadlineNeverFires() throws Exception {
        try (var instance = instantiate(infiniteLoop())) {
            var deadline = Watchdog.shared().arm(instance, Duration.ofMillis(50));
            assertThat(instance.function("one").call()).containsExactly(1);
            deadline.close();
            Thread.sleep(150);
            assertThat(deadline.expired()).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void deadlineInterruptsABlockingHostFunction() {
        var wasm = new WasmBuilder();
        int block = wasm.importFunction("host", "block", types(), types());
        wasm.exportFunction("run", wasm.function(types(), types(), new Code().call(block)));
        var imports = CoreImports.builder()
                .function("host", "block", FuncType.of(java.util.List.of(), java.util.List.of()), (caller, args) -> {
                    try {
                        Thread.sleep(30_000);
                        return null;
                    } catch (InterruptedException e) {
                        throw new IllegalStateException("I/O interrupted", e);
                    }
                })
                .build();
        try (var instance = engine.compile(wasm.build()).instantiate(imports, CoreLimits.UNLIMITED);
                var deadline = Watchdog.shared().arm(instance, Duration.ofMillis(100))) {
            assertTrap(() -> instance.function("run").call(), TrapReason.DEADLINE_EXCEEDED);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void deadlineStillStopsTheGuestWhenTheHostSwallowsTheInterrupt() {
        var wasm = new WasmBuilder();
        int nap = wasm.importFunction("host", "nap", types(), types());
        // call $nap, then spin forever
        wasm.exportFunction("run", wasm.function(types(), types(), new Code().call(nap).loop().br(0).end()));
        var imports = CoreImports.builder()
                .function("host", "nap", FuncType.of(java.util.List.of(), java.util.List.of()), (caller, args) -> {
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        // swallowed: the flag is now clear
                    }
                    return null;
                })
                .build();
        try (var instance = engine.compile(wasm.build()).instantiate(imports, CoreLimits.UNLIMITED);
                var deadline = Watchdog.shared().arm(instance, Duration.ofMillis(100))) {
            assertTrap(() -> instance.function("run").call(), TrapReason.DEADLINE_EXCEEDED);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void wrongArgumentCountIsACallerErrorNotATrap() {
        try (var instance = instantiate(infiniteLoop())) {
            assertThatThrownBy(() -> instance.function("one").call(1, 2)).isInstanceOf(IllegalArgumentException.class);
            assertThat(instance.isPoisoned()).isFalse();
        }
    }

    @Test
    void hostReturningTheWrongNumberOfResultsTraps() {
        var wasm = new WasmBuilder();
        int two = wasm.importFunction("host", "two", types(), types(I32));
        wasm.exportFunction("run", wasm.function(types(), types(I32), new Code().call(two)));
        var imports = CoreImports.builder()
                .function("host", "two", FuncType.of(java.util.List.of(), java.util.List.of(ValueType.I32)),
                        (caller, args) -> new long[] {1, 2})
                .build();
        try (var instance = engine.compile(wasm.build()).instantiate(imports, CoreLimits.UNLIMITED)) {
            assertTrap(() -> instance.function("run").call(), TrapReason.HOST_ERROR);
        }
    }
}
