package dev.wharf.engine.core;

import static dev.wharf.engine.core.WasmBuilder.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.WasmBuilder.Code;
import dev.wharf.engine.testing.TempDirCoreEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A core instance's call epoch: an interrupt for a call that has ended (or from before a reset)
 * does nothing, even while a later call runs; one for the call that has not started yet is kept
 * for it. Checked from inside a host function of the later call, or before a call, so no thread
 * timing is involved.
 */
class CoreCallEpochTest {

    @RegisterExtension final TempDirCoreEngine engine = new TempDirCoreEngine();

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anInterruptForAnEndedCallDoesNotReachTheRunningOne() {
        var wasm = new WasmBuilder();
        wasm.memory(1, null);
        int probe = wasm.importFunction("host", "probe", types(), types());
        wasm.exportFunction("run", wasm.function(types(), types(), new Code().call(probe)));
        // call probe, then spin until interrupted
        wasm.exportFunction("run-then-spin", wasm.function(types(), types(), new Code().call(probe).loop().br(0).end()));
        AtomicLong target = new AtomicLong(Long.MIN_VALUE);
        List<String> seen = new ArrayList<>();
        var imports = CoreImports.builder()
                .function("host", "probe", FuncType.of(List.of(), List.of()), (caller, args) -> {
                    long epoch = target.get() == Long.MAX_VALUE ? caller.callEpoch() : target.get();
                    if (epoch != Long.MIN_VALUE) {
                        seen.add("delivered=" + caller.interruptCall(epoch, TrapReason.DEADLINE_EXCEEDED)
                                + " flag=" + Thread.currentThread().isInterrupted());
                    }
                    return null;
                })
                .build();
        try (var instance = engine.compile(wasm.build()).instantiate(imports, CoreLimits.UNLIMITED)) {
            long first = instance.callEpoch();
            instance.function("run").call();          // the call named `first` runs and ends
            assertThat(instance.callEpoch()).isNotEqualTo(first);
            target.set(first);
            instance.function("run").call();          // a later call: the interrupt for `first` is dropped
            assertThat(seen).containsExactly("delivered=false flag=false");

            InstanceSnapshot snapshot = instance.snapshot();
            long beforeReset = instance.callEpoch();
            instance.reset(snapshot);
            assertThat(instance.callEpoch()).as("a reset starts a new epoch").isNotEqualTo(beforeReset);
            assertThat(instance.interruptCall(beforeReset, TrapReason.DEADLINE_EXCEEDED)).isFalse();
            assertThat(instance.isPoisoned()).isFalse();

            target.set(Long.MAX_VALUE);               // the running call's own epoch: delivered
            assertThatThrownBy(() -> instance.function("run-then-spin").call()).isInstanceOfSatisfying(Trap.class,
                    t -> assertThat(t.reason()).isEqualTo(TrapReason.DEADLINE_EXCEEDED));
            assertThat(seen).last().isEqualTo("delivered=true flag=true");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anInterruptForTheNextCallIsKeptUntilThatCallStarts() {
        var wasm = new WasmBuilder();
        wasm.memory(1, null);
        int probe = wasm.importFunction("host", "probe", types(), types());
        wasm.exportFunction("quiet", wasm.function(types(), types(), new Code()));
        wasm.exportFunction("probe", wasm.function(types(), types(), new Code().call(probe)));
        wasm.exportFunction("spin", wasm.function(types(), types(), new Code().loop().br(0).end()));
        List<String> seen = new ArrayList<>();
        var imports = CoreImports.builder()
                .function("host", "probe", FuncType.of(List.of(), List.of()), (caller, args) -> {
                    seen.add("probed");
                    return null;
                })
                .build();
        try (var instance = engine.compile(wasm.build()).instantiate(imports, CoreLimits.UNLIMITED)) {
            // a function that never checks for interruption ends normally, and uses the interrupt up
            assertThat(instance.interruptCall(instance.callEpoch(), TrapReason.DEADLINE_EXCEEDED)).isTrue();
            instance.function("quiet").call();
            assertThat(Thread.currentThread().isInterrupted()).as("no flag leaks out of the call").isFalse();
            instance.function("probe").call();
            assertThat(seen).as("the next call was not interrupted").containsExactly("probed");

            // one that checks stops at its first check, with the reason given
            assertThat(instance.interruptCall(instance.callEpoch(), TrapReason.DEADLINE_EXCEEDED)).isTrue();
            assertThatThrownBy(() -> instance.function("spin").call()).isInstanceOfSatisfying(Trap.class,
                    t -> assertThat(t.reason()).isEqualTo(TrapReason.DEADLINE_EXCEEDED));
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }
}
