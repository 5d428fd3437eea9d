package dev.wharf.engine.core;

import static dev.wharf.engine.core.WasmBuilder.F32;
import static dev.wharf.engine.core.WasmBuilder.F64;
import static dev.wharf.engine.core.WasmBuilder.I32;
import static dev.wharf.engine.core.WasmBuilder.I64;
import static dev.wharf.engine.core.WasmBuilder.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.core.WasmBuilder.Code;
import dev.wharf.engine.testing.TempDirCoreEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Compiling, linking and calling through the core-engine boundary, on the Chicory backend. */
class CoreCallsTest {

    @RegisterExtension final TempDirCoreEngine engine = new TempDirCoreEngine();

    @Test
    void callsFunctionsOfEveryNumericType() {
        var wasm = new WasmBuilder();
        wasm.exportFunction("add32", wasm.function(types(I32, I32), types(I32), new Code().localGet(0).localGet(1).i32Add()));
        wasm.exportFunction("add64", wasm.function(types(I64, I64), types(I64), new Code().localGet(0).localGet(1).i64Add()));
        wasm.exportFunction("addf32", wasm.function(types(F32, F32), types(F32), new Code().localGet(0).localGet(1).f32Add()));
        wasm.exportFunction("addf64", wasm.function(types(F64, F64), types(F64), new Code().localGet(0).localGet(1).f64Add()));
        var module = engine.compile(wasm.build());
        assertThat(module.origin()).isEqualTo(CompileOrigin.COMPILED);
        assertThat(module.interpretedFunctions()).isEmpty();
        assertThat(module.exports())
                .contains(new CoreExportDescriptor("add64", ExternKind.FUNCTION, FuncType.of(List.of(ValueType.I64, ValueType.I64), List.of(ValueType.I64))));

        try (var instance = module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED)) {
            var add32 = instance.function("add32");
            assertThat(add32.call(40, 2)).containsExactly(42);
            assertThat((int) add32.call(Integer.MAX_VALUE, 1)[0]).isEqualTo(Integer.MIN_VALUE);
            assertThat(instance.function("add64").call(1L << 40, 5)).containsExactly((1L << 40) + 5);
            long f32 = instance.function("addf32").call(Float.floatToRawIntBits(1.5f), Float.floatToRawIntBits(2.25f))[0];
            assertThat(Float.intBitsToFloat((int) f32)).isEqualTo(3.75f);
            long f64 = instance.function("addf64").call(Double.doubleToRawLongBits(0.5), Double.doubleToRawLongBits(0.25))[0];
            assertThat(Double.longBitsToDouble(f64)).isEqualTo(0.75);
        }
    }

    @Test
    void guestCallsHostFunctionWithArgumentsAndResults() {
        var wasm = new WasmBuilder();
        int hostMul = wasm.importFunction("host", "mul", types(I32, I32), types(I32));
        wasm.exportFunction("run", wasm.function(types(I32), types(I32), new Code().localGet(0).i32Const(3).call(hostMul).i32Const(1).i32Add()));
        var module = engine.compile(wasm.build());
        assertThat(module.imports())
                .containsExactly(new CoreImportDescriptor("host", "mul", ExternKind.FUNCTION, FuncType.of(List.of(ValueType.I32, ValueType.I32), List.of(ValueType.I32))));

        var callers = new ArrayList<CoreInstance>();
        var imports =
                CoreImports.builder()
                        .function("host", "mul", module.imports().get(0).funcType(), (caller, args) -> {
                            callers.add(caller);
                            return new long[] {args[0] * args[1]};
                        })
                        .build();
        try (var instance = module.instantiate(imports, CoreLimits.UNLIMITED)) {
            assertThat(instance.function("run").call(7)).containsExactly(22);
            assertThat(callers).containsExactly(instance);
        }
    }

    @Test
    void hostFunctionFailureBecomesHostErrorTrap() {
        var wasm = new WasmBuilder();
        int fail = wasm.importFunction("host", "fail", types(), types());
        wasm.exportFunction("run", wasm.function(types(), types(), new Code().call(fail)));
        var module = engine.compile(wasm.build());
        var imports =
                CoreImports.builder()
                        .function("host", "fail", FuncType.of(List.of(), List.of()), (caller, args) -> {
                            throw new IllegalStateException("boom");
                        })
                        .build();
        try (var instance = module.instantiate(imports, CoreLimits.UNLIMITED)) {
            assertThatThrownBy(() -> instance.function("run").call())
                    .isInstanceOfSatisfying(Trap.class, trap -> {
                        assertThat(trap.reason()).isEqualTo(TrapReason.HOST_ERROR);
                        assertThat(trap.getMessage()).contains("host.fail", "boom");
                    });
            assertThat(instance.isPoisoned()).isTrue();
        }
    }

    @Test
    void linksOneInstancesMemoryAndFunctionIntoAnother() {
        // Module A: owns the memory, exports it and a store(addr, value) function.
        var a = new WasmBuilder();
        a.export("mem", WasmBuilder.KIND_MEMORY, a.memory(1, null));
        a.exportFunction("store", a.function(types(I32, I32), types(), new Code().localGet(0).localGet(1).i32Store(0)));
        // Module B: imports both, stores through A then loads through the shared memory.
        var b = new WasmBuilder();
        b.importMemory("a", "mem", 1, null);
        int store = b.importFunction("a", "store", types(I32, I32), types());
        b.exportFunction("roundtrip", b.function(types(I32, I32), types(I32),
                new Code().localGet(0).localGet(1).call(store).localGet(0).i32Load(0)));

        try (var first = engine.compile(a.build()).instantiate(CoreImports.none(), CoreLimits.UNLIMITED)) {
            var imports = CoreImports.builder().allExportsOf("a", first).build();
            try (var second = engine.compile(b.build()).instantiate(imports, CoreLimits.UNLIMITED)) {
                assertThat(second.function("roundtrip").call(64, 12345)).containsExactly(12345);
                assertThat(first.memory("mem").readInt(64)).isEqualTo(12345);
                second.memory().writeInt(128, 77);
                assertThat(first.memory().readInt(128)).isEqualTo(77);
            }
        }
    }

    @Test
    void missingImportIsUnlinkable() {
        var wasm = new WasmBuilder();
        wasm.importFunction("host", "absent", types(), types());
        var module = engine.compile(wasm.build());
        assertThatThrownBy(() -> module.instantiate(CoreImports.none(), CoreLimits.UNLIMITED))
                .isInstanceOfSatisfying(CoreModuleException.class,
                        e -> assertThat(e.kind()).isEqualTo(CoreModuleException.Kind.UNLINKABLE));
    }

    @Test
    void malformedBytesAreRejected() {
        assertThatThrownBy(() -> engine.compile(new byte[] {0, 1, 2, 3}))
                .isInstanceOfSatisfying(CoreModuleException.class,
                        e -> assertThat(e.kind()).isEqualTo(CoreModuleException.Kind.MALFORMED));
    }

    @Test
    void secondCompileInSameEngineIsMemoryHit() {
        var wasm = new WasmBuilder();
        wasm.exportFunction("one", wasm.function(types(), types(I32), new Code().i32Const(1)));
        var bytes = wasm.build();
        assertThat(engine.compile(bytes).origin()).isEqualTo(CompileOrigin.COMPILED);
        assertThat(engine.compile(bytes).origin()).isEqualTo(CompileOrigin.MEMORY_CACHE);
        assertThat(engine.cacheStats().memoryHits()).isEqualTo(1);
    }

    @Test
    void hostFunctionOfTheWrongTypeIsUnlinkable() {
        var wasm = new WasmBuilder();
        wasm.importFunction("host", "f", types(I32), types(I32));
        var module = engine.compile(wasm.build());
        var imports = CoreImports.builder()
                .function("host", "f", FuncType.of(List.of(ValueType.I64), List.of(ValueType.I32)), (caller, args) -> args)
                .build();
        assertThatThrownBy(() -> module.instantiate(imports, CoreLimits.UNLIMITED))
                .isInstanceOfSatisfying(CoreModuleException.class,
                        e -> assertThat(e.kind()).isEqualTo(CoreModuleException.Kind.UNLINKABLE));
    }

    @Test
    void concurrentCompilesOfTheSameBytesCompileOnce() throws Exception {
        var wasm = new WasmBuilder();
        wasm.exportFunction("seven", wasm.function(types(), types(I32), new Code().i32Const(7)));
        var bytes = wasm.build();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new ArrayList<java.util.concurrent.Future<CoreModule>>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> engine.compile(bytes)));
            }
            for (var future : futures) {
                try (var instance = future.get().instantiate(CoreImports.none(), CoreLimits.UNLIMITED)) {
                    assertThat(instance.function("seven").call()).containsExactly(7);
                }
            }
        } finally {
            pool.shutdown();
        }
        assertThat(engine.cacheStats().misses()).isEqualTo(1);
        assertThat(engine.cacheStats().memoryHits()).isEqualTo(7);
    }

    @Test
    void hostFunctionCalledByTheStartFunctionSeesTheCallersMemory() {
        var wasm = new WasmBuilder();
        int seen = wasm.importFunction("host", "seen", types(), types());
        wasm.memory(1, null);
        wasm.data(0, new byte[] {9});
        int start = wasm.function(types(), types(), new Code().call(seen));
        wasm.start(start);
        var module = engine.compile(wasm.build());
        var values = new ArrayList<Byte>();
        var imports = CoreImports.builder()
                .function("host", "seen", FuncType.of(List.of(), List.of()), (caller, args) -> {
                    values.add(caller.memory().readByte(0));
                    return null;
                })
                .build();
        try (var instance = module.instantiate(imports, CoreLimits.UNLIMITED)) {
            assertThat(values).containsExactly((byte) 9);
        }
    }
}
