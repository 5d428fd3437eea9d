package dev.wharf.engine.internal.chicory;

import static dev.wharf.engine.core.WasmBuilder.I32;
import static dev.wharf.engine.core.WasmBuilder.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.wharf.engine.core.CompileOrigin;
import dev.wharf.engine.core.CoreImportDescriptor;
import dev.wharf.engine.core.CoreImports;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.CoreModule;
import dev.wharf.engine.core.ExternKind;
import dev.wharf.engine.core.WasmBuilder;
import dev.wharf.engine.core.WasmBuilder.Code;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function import named "" "" (wit-component's start shim has one; Chicory 1.7.5 refuses it as a "malformed import
 * kind") compiles, describes itself by its real names, binds by them, and survives the disk cache's cheap parse.
 */
class EmptyImportNamesTest {

    @TempDir Path cacheDir;

    /** The start shim's shape: start calls ("", ""); run() returns ("", "other")(). */
    private static byte[] startShim() {
        var wasm = new WasmBuilder();
        int initialize = wasm.importFunction("", "", types(), types());
        int other = wasm.importFunction("", "other", types(), types(I32));
        wasm.exportFunction("run", wasm.function(types(), types(I32), new Code().call(other)));
        wasm.start(initialize);
        return wasm.build();
    }

    private static int instantiateAndRun(CoreModule module, AtomicInteger initialized) {
        var imports = CoreImports.builder()
                .function("", "", module.imports().get(0).funcType(), (caller, args) -> {
                    initialized.incrementAndGet();
                    return new long[0];
                })
                .function("", "other", module.imports().get(1).funcType(), (caller, args) -> new long[] {5})
                .build();
        try (var instance = module.instantiate(imports, CoreLimits.UNLIMITED)) {
            return (int) instance.function("run").call()[0];
        }
    }

    @Test
    void theStartFunctionReachesTheHostBoundToTheEmptyNamesWhenCompiledAndFromTheDiskCache() {
        var initialized = new AtomicInteger();
        try (var first = ChicoryCoreEngine.builder().cacheDirectory(cacheDir).build()) {
            var module = first.compile(startShim());
            assertThat(module.origin()).isEqualTo(CompileOrigin.COMPILED);
            assertThat(module.imports()).extracting(CoreImportDescriptor::module, CoreImportDescriptor::name)
                    .containsExactly(tuple("", ""), tuple("", "other"));
            assertThat(instantiateAndRun(module, initialized)).isEqualTo(5);
            assertThat(initialized).hasValue(1);
        }
        try (var second = ChicoryCoreEngine.builder().cacheDirectory(cacheDir).build()) {
            var module = second.compile(startShim());
            assertThat(module.origin()).isEqualTo(CompileOrigin.DISK_CACHE);
            assertThat(module.digest()).isEqualTo(ChicoryCoreEngine.sha256(startShim()));
            assertThat(instantiateAndRun(module, initialized)).isEqualTo(5);
            assertThat(initialized).hasValue(2);
        }
    }

    @Test
    void importsOfEveryKindAroundTheRenamedOneKeepTheirNames() {
        var wasm = new WasmBuilder();
        wasm.importMemory("env", "memory", 1, 3);
        wasm.importTable("env", "table", 2, null);
        wasm.importFunction("", "", types(), types());
        wasm.importGlobal("", "", I32, true);
        wasm.importFunction("", "x", types(I32), types());

        var imports = new InspectingCoreEngine().compile(wasm.build()).imports();

        assertThat(imports).extracting(CoreImportDescriptor::module, CoreImportDescriptor::name, CoreImportDescriptor::kind)
                .containsExactly(tuple("env", "memory", ExternKind.MEMORY), tuple("env", "table", ExternKind.TABLE),
                        tuple("", "", ExternKind.FUNCTION), tuple("", "", ExternKind.GLOBAL), tuple("", "x", ExternKind.FUNCTION));
    }

    @Test
    void aModuleWithoutSuchImportIsPassedOnAsItIs() {
        var wasm = new WasmBuilder();
        wasm.importFunction("", "x", types(), types());
        wasm.importGlobal("", "", I32, false);
        byte[] bytes = wasm.build();
        assertThat(EmptyImportNames.rename(bytes)).isSameAs(bytes);
    }
}
