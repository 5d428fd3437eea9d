package dev.wharf.engine.core;

import static dev.wharf.engine.core.WasmBuilder.F64;
import static dev.wharf.engine.core.WasmBuilder.I32;
import static dev.wharf.engine.core.WasmBuilder.I64;
import static dev.wharf.engine.core.WasmBuilder.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.core.WasmBuilder.Code;
import dev.wharf.engine.testing.TempDirCoreEngine;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reset copies back only the parts of memory written since the snapshot it restores (or since the last reset to
 * it). These tests write through every kind of store, bulk operation and host write, at chunk boundaries and at
 * the end of memory, and check that the whole memory equals the snapshot afterwards, byte for byte.
 */
class MemoryResetTest {

    private static final int PAGE = (int) CoreMemory.PAGE_SIZE;
    private static final int PAGES = 3;
    private static final int SIZE = PAGES * PAGE;

    @RegisterExtension final TempDirCoreEngine engine = new TempDirCoreEngine();

    private final byte[] initial = new byte[SIZE];

    /** Three pages filled with random bytes by a data segment, and one export per way of writing memory. */
    private CoreModule module() {
        new Random(42).nextBytes(initial);
        var wasm = new WasmBuilder();
        wasm.memory(PAGES, 10);
        wasm.data(0, initial);
        wasm.exportFunction("store8", wasm.function(types(I32, I32), types(), new Code().localGet(0).localGet(1).op(0x3a, 0, 0)));
        wasm.exportFunction("store16", wasm.function(types(I32, I32), types(), new Code().localGet(0).localGet(1).op(0x3b, 1, 0)));
        wasm.exportFunction("store32", wasm.function(types(I32, I32), types(), new Code().localGet(0).localGet(1).op(0x36, 2, 0)));
        wasm.exportFunction("store64", wasm.function(types(I32, I64), types(), new Code().localGet(0).localGet(1).op(0x37, 3, 0)));
        wasm.exportFunction("storeF64", wasm.function(types(I32, F64), types(), new Code().localGet(0).localGet(1).op(0x39, 3, 0)));
        wasm.exportFunction("fill", wasm.function(types(I32, I32, I32), types(),
                new Code().localGet(0).localGet(1).localGet(2).op(0xfc, 0x0b, 0x00)));
        wasm.exportFunction("copy", wasm.function(types(I32, I32, I32), types(),
                new Code().localGet(0).localGet(1).localGet(2).op(0xfc, 0x0a, 0x00, 0x00)));
        wasm.exportFunction("grow", wasm.function(types(I32), types(I32), new Code().localGet(0).memoryGrow()));
        return engine.compile(wasm.build());
    }

    /** Writes 8 bytes of 0xff-ish values at {@code address} through the export {@code kind}. */
    private static void write(CoreInstance instance, int kind, int address) {
        switch (kind) {
            case 0 -> instance.function("store8").call(address, 0x5a);
            case 1 -> instance.function("store16").call(address, 0x5a5a);
            case 2 -> instance.function("store32").call(address, 0x5a5a5a5a);
            case 3 -> instance.function("store64").call(address, 0x5a5a5a5a5a5a5a5aL);
            case 4 -> instance.function("storeF64").call(address, Double.doubleToRawLongBits(-1.5));
            case 5 -> instance.memory().writeInt(address, 0x5a5a5a5a);
            case 6 -> instance.memory().writeLong(address, -1L);
            default -> instance.memory().writeByte(address, (byte) 0x5a);
        }
    }

    private static int width(int kind) {
        return switch (kind) {
            case 0, 7 -> 1;
            case 1 -> 2;
            case 2, 5 -> 4;
            default -> 8;
        };
    }

    @Test
    void everyKindOfStoreIsUndoneIncludingOnesThatStraddleAChunkOrEndTheMemory() {
        try (var instance = module().instantiate(CoreImports.none(), CoreLimits.UNLIMITED)) {
            var pristine = instance.snapshot();
            for (int kind = 0; kind < 8; kind++) {
                int w = width(kind);
                // the last bytes of a 4 KiB chunk and of a page, spilling into the next; the end of memory
                for (int address : new int[] {4096 - w + 1, 4096 - 1, PAGE - 1, 2 * PAGE + 4096 * 3 - 2, SIZE - w}) {
                    if (address + w > SIZE) {
                        continue;
                    }
                    write(instance, kind, address);
                    assertThat(instance.memory().readBytes(0, SIZE)).as("kind %d at %d wrote", kind, address).isNotEqualTo(initial);
                    instance.reset(pristine);
                    assertThat(instance.memory().readBytes(0, SIZE)).as("kind %d at %d undone", kind, address).isEqualTo(initial);
                }
            }
        }
    }

    @Test
    void bulkWritesAndRandomStoresAreUndone() {
        var random = new Random(7);
        try (var instance = module().instantiate(CoreImports.none(), CoreLimits.UNLIMITED)) {
            var pristine = instance.snapshot();
            for (int round = 0; round < 20; round++) {
                instance.function("fill").call(random.nextInt(SIZE - 20_000), 0x11, random.nextInt(20_000));
                instance.function("copy").call(random.nextInt(SIZE - 9_000), random.nextInt(SIZE - 9_000), random.nextInt(9_000));
                instance.memory().writeBytes(random.nextInt(SIZE - 5_000), new byte[random.nextInt(5_000)]);
                instance.memory().fill(random.nextInt(SIZE - 300), 300, (byte) 7);
                for (int i = 0; i < 50; i++) {
                    int kind = random.nextInt(8);
                    write(instance, kind, random.nextInt(SIZE - width(kind) + 1));
                }
                instance.reset(pristine);
                assertThat(instance.memory().readBytes(0, SIZE)).as("round %d", round).isEqualTo(initial);
            }
        }
    }

    @Test
    void resettingToAnOlderSnapshotOrAfterGrowthRestoresEverything() {
        try (var instance = module().instantiate(CoreImports.none(), CoreLimits.UNLIMITED)) {
            var pristine = instance.snapshot();
            instance.memory().writeInt(100, 1);
            var later = instance.snapshot();
            byte[] laterBytes = instance.memory().readBytes(0, SIZE);
            instance.memory().writeInt(70_000, 2);

            instance.reset(pristine); // not the last snapshot: the write at 100 predates it and must go too
            assertThat(instance.memory().readBytes(0, SIZE)).isEqualTo(initial);

            instance.memory().writeInt(140_000, 3);
            instance.reset(later);
            assertThat(instance.memory().readBytes(0, SIZE)).isEqualTo(laterBytes);
            instance.memory().writeInt(8, 4);
            instance.reset(later);
            assertThat(instance.memory().readBytes(0, SIZE)).isEqualTo(laterBytes);

            assertThat(instance.function("grow").call(2)).containsExactly(PAGES);
            instance.memory().writeInt(SIZE + 16, 5);
            instance.memory().writeInt(200, 6);
            instance.reset(pristine);
            assertThat(instance.memory().pages()).isEqualTo(PAGES);
            assertThat(instance.memory().readBytes(0, SIZE)).isEqualTo(initial);
            instance.memory().writeInt(SIZE - 4, 7);
            instance.reset(pristine);
            assertThat(instance.memory().readBytes(0, SIZE)).isEqualTo(initial);
        }
    }
}
