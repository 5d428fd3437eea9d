package dev.wharf.engine.internal.chicory;

import static dev.wharf.engine.core.WasmBuilder.I32;
import static dev.wharf.engine.core.WasmBuilder.types;

import com.dylibso.chicory.wasm.Parser;
import dev.wharf.engine.core.WasmBuilder;
import dev.wharf.engine.core.WasmBuilder.Code;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the cache-hit parse timings used in docs/engine-core.md; asserts nothing. (Snapshot and
 * reset are measured by the JMH benchmark {@code bench.CoreSnapshotBenchmark}.) Run with
 * {@code ./mvnw -o -pl engine test -Dtest=CoreEngineMeasurement -Dwharf.measure=true} and read
 * target/surefire-reports/*CoreEngineMeasurement-output.txt.
 */
@EnabledIfSystemProperty(named = "wharf.measure", matches = "true")
class CoreEngineMeasurement {

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
