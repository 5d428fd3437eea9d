package dev.wharf.engine.internal.abi;

import dev.wharf.engine.core.CoreEngine;
import dev.wharf.engine.core.CoreFunction;
import dev.wharf.engine.core.CoreImports;
import dev.wharf.engine.core.CoreInstance;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.CoreMemory;
import dev.wharf.engine.core.WasmBuilder;
import dev.wharf.engine.core.WasmBuilder.Code;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
import java.nio.file.Path;

/**
 * A tiny real guest for ABI tests, assembled with {@link WasmBuilder} (no WAT tool is available offline): an
 * exported memory of 4 pages, a bump-allocator {@code cabi_realloc} (copies the old block on
 * growth), and two functions that exercise the spill paths:
 *
 * <pre>
 * (func (export "echo") (param i32 i32) (result i32)    ;; string -> string, via return area at 16
 * (func (export "sum17") (param i32) (result i64))      ;; 17 u32 params spilled to memory, summed
 * </pre>
 */
final class AbiGuest implements AutoCloseable {
    static final int HEAP_START = 1024;
    static final int PAGES = 4;

    final CoreEngine engine;
    final CoreInstance instance;
    final CoreMemory memory;
    final CoreFunction realloc;
    final CoreFunction echo;
    final CoreFunction sum17;

    AbiGuest(Path cacheDir) {
        engine = ChicoryCoreEngine.builder().cacheDirectory(cacheDir).build();
        instance = engine.compile(module()).instantiate(CoreImports.none(), CoreLimits.UNLIMITED);
        memory = instance.memory("memory");
        realloc = instance.function("cabi_realloc");
        echo = instance.function("echo");
        sum17 = instance.function("sum17");
    }

    /** The guest's {@code cabi_realloc} as a {@link Realloc}. */
    Realloc reallocFn() {
        return Realloc.of(realloc);
    }

    LiftLowerContext context(StringEncoding encoding) {
        return new LiftLowerContext(memory, reallocFn(), encoding, null, null);
    }

    @Override
    public void close() {
        instance.close();
        engine.close();
    }

    // ------------------------------------------------------------------ assembling

    private static final byte[] I32 = {WasmBuilder.I32};
    private static final byte I32_ADD = 0x6a;
    private static final byte I32_SUB = 0x6b;
    private static final byte I32_AND = 0x71;
    private static final byte I32_LT_U = 0x49;
    private static final byte SELECT = 0x1b;
    private static final byte I64_EXTEND_I32_U = (byte) 0xad;
    private static final byte I64_ADD = 0x7c;

    static byte[] module() {
        WasmBuilder m = new WasmBuilder();
        int memory = m.memory(PAGES, null);
        int bump = m.global(WasmBuilder.I32, true, new Code().i32Const(HEAP_START));
        // cabi_realloc(old, oldSize, align, newSize): bump-allocates and copies min(oldSize, newSize) bytes.
        int realloc = m.function(WasmBuilder.types(WasmBuilder.I32, WasmBuilder.I32, WasmBuilder.I32, WasmBuilder.I32),
                I32, I32, new Code()
                        // ret = (bump + align - 1) & -align
                        .globalGet(bump).localGet(2).op(I32_ADD).i32Const(1).op(I32_SUB)
                        .i32Const(0).localGet(2).op(I32_SUB).op(I32_AND).localSet(4)
                        // bump = ret + newSize
                        .localGet(4).localGet(3).op(I32_ADD).globalSet(bump)
                        // memory.copy(ret, old, min(oldSize, newSize))
                        .localGet(4).localGet(0)
                        .localGet(1).localGet(3).localGet(1).localGet(3).op(I32_LT_U).op(SELECT)
                        .op(0xfc, 0x0a, 0, 0)
                        .localGet(4));
        // echo(ptr, len): returns its string through the return area at 16.
        int echo = m.function(WasmBuilder.types(WasmBuilder.I32, WasmBuilder.I32), I32, new Code()
                .i32Const(16).localGet(0).i32Store(0)
                .i32Const(20).localGet(1).i32Store(0)
                .i32Const(16));
        // sum17(ptr): 17 u32 params spilled to memory, summed as u64.
        Code sum = new Code().localGet(0).i32Load(0).op(I64_EXTEND_I32_U);
        for (int k = 1; k < 17; k++) {
            sum.localGet(0).i32Load(4 * k).op(I64_EXTEND_I32_U).op(I64_ADD);
        }
        int sum17 = m.function(I32, new byte[] {WasmBuilder.I64}, sum);
        return m.export("memory", WasmBuilder.KIND_MEMORY, memory)
                .exportFunction("cabi_realloc", realloc)
                .exportFunction("echo", echo)
                .exportFunction("sum17", sum17)
                .build();
    }
}
