package dev.wharf.engine.internal.chicory;

import static dev.wharf.engine.core.WasmBuilder.I32;
import static dev.wharf.engine.core.WasmBuilder.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.core.CompileOrigin;
import dev.wharf.engine.core.CoreModule;
import dev.wharf.engine.core.WasmBuilder;
import dev.wharf.engine.core.WasmBuilder.Code;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's in-memory module cache: a module in use is a memory hit however the heap fares, and one nobody uses
 * any more can be collected (its classes with it), after which compiling it again is a disk-cache hit.
 */
class MemoryCacheTest {

    @TempDir Path cacheDir;

    private static byte[] module(int n) {
        var wasm = new WasmBuilder();
        wasm.exportFunction("n", wasm.function(types(), types(I32), new Code().i32Const(n)));
        return wasm.build();
    }

    @Test
    void aModuleInUseStaysAndAnUnusedOneIsReleasedUnderMemoryPressure() {
        try (var engine = ChicoryCoreEngine.builder().cacheDirectory(cacheDir).build()) {
            CoreModule inUse = engine.compile(module(1));
            var unused = new WeakReference<>(engine.compile(module(2)));
            assertThat(engine.modulesInMemory()).isEqualTo(2);

            // fill the heap until the collector clears soft references (it must before an OutOfMemoryError)
            List<long[]> ballast = new ArrayList<>();
            try {
                for (int i = 0; i < 100_000 && unused.get() != null; i++) {
                    ballast.add(new long[1 << 20]);
                }
            } catch (OutOfMemoryError expected) {
                // soft references are cleared before this is thrown
            } finally {
                ballast.clear();
            }
            assertThat(unused.get()).as("an unused module is released").isNull();
            assertThat(engine.modulesInMemory()).isEqualTo(1);

            assertThat(engine.compile(module(1)).origin()).isEqualTo(CompileOrigin.MEMORY_CACHE);
            assertThat(engine.compile(module(2)).origin()).isEqualTo(CompileOrigin.DISK_CACHE);
            assertThat(inUse.digest()).isEqualTo(ChicoryCoreEngine.sha256(module(1)));
        }
    }
}
