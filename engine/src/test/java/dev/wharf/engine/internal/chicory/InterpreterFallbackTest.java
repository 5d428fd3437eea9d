package dev.wharf.engine.internal.chicory;

import static dev.wharf.engine.core.WasmBuilder.I32;
import static dev.wharf.engine.core.WasmBuilder.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.CompileOrigin;
import dev.wharf.engine.core.CoreImports;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.Watchdog;
import dev.wharf.engine.core.WasmBuilder;
import dev.wharf.engine.core.WasmBuilder.Code;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Functions too large for one JVM method still run (interpreted) and are reported. */
class InterpreterFallbackTest {

    @TempDir Path cacheDir;

    /** Function 0 is small; function 1 adds 1 to its argument 20,000 times, too big for a JVM method. */
    private static byte[] moduleWithHugeFunction() {
        var wasm = new WasmBuilder();
        wasm.exportFunction("small", wasm.function(types(I32), types(I32), new Code().localGet(0).i32Const(1).i32Add()));
        var huge = new Code();
        for (int i = 0; i < 20_000; i++) {
            huge.localGet(0).i32Const(1).i32Add().localSet(0);
        }
        huge.localGet(0);
        wasm.exportFunction("huge", wasm.function(types(I32), types(I32), huge));
        return wasm.build();
    }

    @Test
    void hugeFunctionFallsBackToTheInterpreterAndIsReported() {
        var bytes = moduleWithHugeFunction();
        try (var engine = ChicoryCoreEngine.builder().cacheDirectory(cacheDir).build()) {
            var module = engine.compile(bytes);
            assertThat(module.interpretedFunctions()).containsExactly(1);
            try (var instance = module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED)) {
                assertThat(instance.function("huge").call(5)).containsExactly(20_005);
                assertThat(instance.function("small").call(5)).containsExactly(6);
            }
        }
        try (var engine = ChicoryCoreEngine.builder().cacheDirectory(cacheDir).build()) {
            var module = engine.compile(bytes);
            assertThat(module.origin()).isEqualTo(CompileOrigin.DISK_CACHE);
            assertThat(module.interpretedFunctions()).containsExactly(1);
            try (var instance = module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED)) {
                assertThat(instance.function("huge").call(1)).containsExactly(20_001);
            }
        }
    }

    /**
     * Chicory's interpreter does not poll for interrupts on br_if; InterpretedLoopInterrupts adds
     * it. The call runs on a daemon thread so that a regression fails this test instead of hanging
     * the build.
     */
    @Test
    void deadlineStopsABrIfLoopInAnInterpretedFunction() throws Exception {
        var wasm = new WasmBuilder();
        var huge = new Code();
        for (int i = 0; i < 20_000; i++) {
            huge.localGet(0).i32Const(1).i32Add().localSet(0);
        }
        // (loop $l (br_if $l (i32.const 1)))
        huge.loop().i32Const(1).brIf(0).end();
        wasm.exportFunction("spin", wasm.function(types(I32), types(), huge));
        try (var engine = ChicoryCoreEngine.builder().cacheDirectory(cacheDir).build()) {
            var module = engine.compile(wasm.build());
            assertThat(module.interpretedFunctions()).containsExactly(0);
            var instance = module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED);
            var outcome = new CompletableFuture<Throwable>();
            Thread.ofPlatform().daemon().start(() -> {
                try (var deadline = Watchdog.shared().arm(instance, Duration.ofMillis(200))) {
                    instance.function("spin").call(0);
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            assertThat(outcome.get(60, TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(Trap.class, trap -> assertThat(trap.reason()).isEqualTo(TrapReason.DEADLINE_EXCEEDED));
            instance.close();
        }
    }
}
