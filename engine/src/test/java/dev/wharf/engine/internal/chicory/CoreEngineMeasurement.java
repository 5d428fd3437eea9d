package dev.wharf.engine.internal.chicory;

import static dev.wharf.engine.core.WasmBuilder.I32;
import static dev.wharf.engine.core.WasmBuilder.types;

import com.dylibso.chicory.wasm.Parser;
import dev.wharf.engine.core.CoreImports;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.WasmBuilder;
import dev.wharf.engine.core.WasmBuilder.Code;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints timings used in docs/engine-core.md; asserts nothing. Run with
 * {@code ./mvnw -o -pl engine test -Dtest=CoreEngineMeasurement -Dwharf.measure=true} and read
 * target/surefire-reports/*CoreEngineMeasurement-output.txt.
 */
@EnabledIfSystemProperty(named = "wharf.measure", matches = "true")
class CoreEngineMeasurement {

    @TempDir Path cacheDir;

    @Test
    void instantiateSnapshotReset() {
        var data = new byte[1 << 20];
        new Random(1).nextBytes(data);
        var wasm = new WasmBuilder();
        wasm.memory(17, null);
        wasm.data(0, data);
        wasm.exportFunction("scribble", wasm.function(types(I32, I32), types(), new Code().localGet(0).localGet(1).i32Store(0)));
        wasm.exportFunction("grow", wasm.function(types(I32), types(I32), new Code().localGet(0).memoryGrow()));
        try (var engine = ChicoryCoreEngine.builder().cacheDirectory(cacheDir).build()) {
            var module = engine.compile(wasm.build());
            int rounds = 2000;
            for (int warm = 0; warm < 2; warm++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED).close();
                }
                long instantiate = (System.nanoTime() - t0) / rounds;

                var instance = module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED);
                t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    instance.snapshot();
                }
                long snapshot = (System.nanoTime() - t0) / rounds;
                var pristine = instance.snapshot();
                var scribble = instance.function("scribble");
                var grow = instance.function("grow");
                t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    scribble.call(i * 4, i);
                    instance.reset(pristine);
                }
                long reset = (System.nanoTime() - t0) / rounds;
                t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    grow.call(2);
                    instance.reset(pristine);
                }
                long resetAfterGrow = (System.nanoTime() - t0) / rounds;
                instance.close();
                System.out.printf(
                        "round %d, 1 MiB data, 17 pages: instantiate %d us, snapshot %d us, reset %d us, reset after grow %d us%n",
                        warm, instantiate / 1000, snapshot / 1000, reset / 1000, resetAfterGrow / 1000);
            }
        }
    }

    @Test
    void cacheHitParseVersusFullParse() {
        var wasm = new WasmBuilder();
        for (int f = 0; f < 2000; f++) {
            var body = new Code();
            for (int i = 0; i < 600; i++) {
                body.localGet(0).i32Const(i).i32Add().localSet(0);
            }
            body.localGet(0);
            wasm.exportFunction("f" + f, wasm.function(types(I32), types(I32), body));
        }
        var bytes = wasm.build();
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            Parser.parse(bytes);
            long full = System.nanoTime() - t0;
            t0 = System.nanoTime();
            Parser.builder().withValidation(false).build().parse(() -> new java.io.ByteArrayInputStream(bytes));
            long unvalidated = System.nanoTime() - t0;
            t0 = System.nanoTime();
            ChicoryCoreEngine.parseCached(bytes, Set.of());
            long skipCode = System.nanoTime() - t0;
            System.out.printf(
                    "round %d, %.1f MB module, 2000 functions: full parse %d ms, unvalidated %d ms, cache-hit parse (no code section) %d ms%n",
                    round, bytes.length / 1e6, full / 1_000_000, unvalidated / 1_000_000, skipCode / 1_000_000);
        }
    }
}
