package dev.wharf.engine.internal.chicory;

import static dev.wharf.engine.core.WasmBuilder.I32;
import static dev.wharf.engine.core.WasmBuilder.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.core.CompileCacheStats;
import dev.wharf.engine.core.CompileOrigin;
import dev.wharf.engine.core.CoreImports;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.CoreModule;
import dev.wharf.engine.core.WasmBuilder;
import dev.wharf.engine.core.WasmBuilder.Code;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent compile cache, shared by engines (standing in for JVMs) through a directory. */
class DiskCompileCacheTest {

    @TempDir Path cacheDir;

    /** A module with data, a global and an import, so the cheap cache-hit parse has work to do. */
    private static byte[] module() {
        var wasm = new WasmBuilder();
        int twice = wasm.importFunction("host", "twice", types(I32), types(I32));
        wasm.memory(1, null);
        wasm.data(8, new byte[] {42});
        int g = wasm.global(I32, false, new Code().i32Const(100));
        int inc = wasm.function(types(I32), types(I32), new Code().localGet(0).i32Const(1).i32Add());
        wasm.table(2, null);
        wasm.elements(1, inc);
        // run(x) = call_indirect[1](twice(x) + mem[8] + g), i.e. 2x + 42 + 100 + 1
        wasm.exportFunction("run", wasm.function(types(I32), types(I32),
                new Code().localGet(0).call(twice).i32Const(8).i32Load8U(0).i32Add().globalGet(g).i32Add()
                        .i32Const(1).callIndirect(wasm.type(types(I32), types(I32)), 0)));
        return wasm.build();
    }

    private static int run(CoreModule module, int argument) {
        var imports = CoreImports.builder()
                .function("host", "twice", module.imports().get(0).funcType(), (caller, args) -> new long[] {args[0] * 2})
                .build();
        try (var instance = module.instantiate(imports, CoreLimits.UNLIMITED)) {
            return (int) instance.function("run").call(argument)[0];
        }
    }

    private ChicoryCoreEngine engine(String version) {
        return ChicoryCoreEngine.builder().cacheDirectory(cacheDir).chicoryVersion(version).build();
    }

    private Stream<Path> cacheFiles() throws Exception {
        return Files.walk(cacheDir).filter(p -> p.toString().endsWith(".jar"));
    }

    @Test
    void secondEngineWithSameDirectoryHitsTheDiskCache() throws Exception {
        var bytes = module();
        try (var first = engine("1.7.5")) {
            var module = first.compile(bytes);
            assertThat(module.origin()).isEqualTo(CompileOrigin.COMPILED);
            assertThat(run(module, 5)).isEqualTo(153);
            assertThat(first.cacheStats()).isEqualTo(new CompileCacheStats(0, 0, 1, 0));
        }
        assertThat(cacheFiles()).singleElement()
                .satisfies(file -> assertThat(file.getParent().getFileName().toString()).isEqualTo("chicory-1.7.5"));
        try (var second = engine("1.7.5")) {
            var module = second.compile(bytes);
            assertThat(module.origin()).isEqualTo(CompileOrigin.DISK_CACHE);
            assertThat(second.cacheStats().diskHits()).isEqualTo(1);
            assertThat(second.cacheStats().misses()).isZero();
            assertThat(module.digest()).isEqualTo(ChicoryCoreEngine.sha256(bytes));
            assertThat(module.imports()).hasSize(1);
            assertThat(run(module, 5)).isEqualTo(153);
        }
    }

    @Test
    void anotherChicoryVersionMisses() throws Exception {
        var bytes = module();
        try (var old = engine("1.7.4")) {
            old.compile(bytes);
        }
        try (var current = engine("1.7.5")) {
            var module = current.compile(bytes);
            assertThat(module.origin()).isEqualTo(CompileOrigin.COMPILED);
            assertThat(current.cacheStats().diskHits()).isZero();
            assertThat(current.cacheStats().misses()).isEqualTo(1);
        }
        assertThat(cacheFiles()).hasSize(2);
    }

    @Test
    void corruptEntryIsIgnoredAndRecompiled() throws Exception {
        var bytes = module();
        try (var first = engine("1.7.5")) {
            first.compile(bytes);
        }
        var file = cacheFiles().findFirst().orElseThrow();
        var data = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(data, data.length / 2));

        try (var second = engine("1.7.5")) {
            var module = second.compile(bytes);
            assertThat(module.origin()).isEqualTo(CompileOrigin.COMPILED);
            assertThat(second.cacheStats().corruptEntries()).isEqualTo(1);
            assertThat(run(module, 1)).isEqualTo(145);
        }
        try (var third = engine("1.7.5")) {
            assertThat(third.compile(bytes).origin()).as("entry was rewritten").isEqualTo(CompileOrigin.DISK_CACHE);
        }
    }

    @Test
    void garbageEntryIsIgnored() throws Exception {
        var bytes = module();
        var cache = new DiskCompileCache(cacheDir, "1.7.5");
        cache.putIfAbsent("sha256:" + ChicoryCoreEngine.sha256(bytes), "not a jar".getBytes());
        try (var engine = engine("1.7.5")) {
            assertThat(engine.compile(bytes).origin()).isEqualTo(CompileOrigin.COMPILED);
            assertThat(engine.cacheStats().corruptEntries()).isEqualTo(1);
        }
    }

    @Test
    void readsTheChicoryVersionFromItsJar() {
        assertThat(ChicoryVersion.current()).isEqualTo("1.7.5");
    }

    @Test
    void defaultDirectoryHonoursTheSystemProperty() {
        var previous = System.getProperty(DiskCompileCache.DIRECTORY_PROPERTY);
        try {
            System.setProperty(DiskCompileCache.DIRECTORY_PROPERTY, cacheDir.toString());
            assertThat(DiskCompileCache.defaultRoot()).isEqualTo(cacheDir);
            System.clearProperty(DiskCompileCache.DIRECTORY_PROPERTY);
            assertThat(DiskCompileCache.defaultRoot().endsWith(Path.of(".cache", "wharf", "compiled"))).isTrue();
        } finally {
            if (previous != null) {
                System.setProperty(DiskCompileCache.DIRECTORY_PROPERTY, previous);
            }
        }
    }
}
