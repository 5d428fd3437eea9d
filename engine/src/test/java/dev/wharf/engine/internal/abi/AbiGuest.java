package dev.wharf.engine.internal.abi;

import dev.wharf.engine.core.CoreEngine;
import dev.wharf.engine.core.CoreFunction;
import dev.wharf.engine.core.CoreImports;
import dev.wharf.engine.core.CoreInstance;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.engine.core.CoreMemory;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A tiny real guest for ABI tests, assembled by hand (no WAT tool is available offline): an
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

    static byte[] module() {
        Bytes m = new Bytes();
        m.raw(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
        // type section: 0 = (i32 i32 i32 i32) -> i32, 1 = (i32 i32) -> i32, 2 = (i32) -> i64
        m.section(1, new Bytes().u(3)
                .raw(0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 1, 0x7f)
                .raw(0x60, 2, 0x7f, 0x7f, 1, 0x7f)
                .raw(0x60, 1, 0x7f, 1, 0x7e));
        m.section(3, new Bytes().u(3).u(0).u(1).u(2));
        m.section(5, new Bytes().u(1).raw(0x00).u(PAGES));
        m.section(6, new Bytes().u(1).raw(0x7f, 0x01, 0x41).s(HEAP_START).raw(0x0b));
        m.section(7, new Bytes().u(4)
                .name("memory").raw(2).u(0)
                .name("cabi_realloc").raw(0).u(0)
                .name("echo").raw(0).u(1)
                .name("sum17").raw(0).u(2));
        Bytes realloc = new Bytes().u(1).u(1).raw(0x7f)
                // ret = (bump + align - 1) & -align
                .raw(0x23, 0, 0x20, 2, 0x6a, 0x41, 1, 0x6b, 0x41, 0, 0x20, 2, 0x6b, 0x71, 0x21, 4)
                // bump = ret + new
                .raw(0x20, 4, 0x20, 3, 0x6a, 0x24, 0)
                // memory.copy(ret, old, min(oldsz, new))
                .raw(0x20, 4, 0x20, 0, 0x20, 1, 0x20, 3, 0x20, 1, 0x20, 3, 0x49, 0x1b, 0xfc, 0x0a, 0, 0)
                .raw(0x20, 4, 0x0b);
        Bytes echo = new Bytes().u(0)
                .raw(0x41, 16, 0x20, 0, 0x36, 2, 0)
                .raw(0x41, 20, 0x20, 1, 0x36, 2, 0)
                .raw(0x41, 16, 0x0b);
        Bytes sum = new Bytes().u(0).raw(0x20, 0, 0x28, 2, 0, 0xad);
        for (int k = 1; k < 17; k++) {
            sum.raw(0x20, 0, 0x28, 2).u(4 * k).raw(0xad, 0x7c);
        }
        sum.raw(0x0b);
        m.section(10, new Bytes().u(3).vec(realloc).vec(echo).vec(sum));
        return m.toByteArray();
    }

    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Bytes u(long v) {
            do {
                int b = (int) (v & 0x7f);
                v >>>= 7;
                out.write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        Bytes s(long v) {
            while (true) {
                int b = (int) (v & 0x7f);
                v >>= 7;
                boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
                out.write(done ? b : b | 0x80);
                if (done) {
                    return this;
                }
            }
        }

        Bytes name(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u(b.length);
            out.writeBytes(b);
            return this;
        }

        Bytes vec(Bytes body) {
            byte[] b = body.toByteArray();
            u(b.length);
            out.writeBytes(b);
            return this;
        }

        Bytes section(int id, Bytes body) {
            raw(id);
            return vec(body);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
