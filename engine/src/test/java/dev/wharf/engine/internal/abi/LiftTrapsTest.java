package dev.wharf.engine.internal.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.types.ListType;
import dev.wharf.engine.types.OptionType;
import dev.wharf.engine.types.PrimitiveType;
import dev.wharf.engine.types.ValType;
import dev.wharf.engine.values.WitValue;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a guest can hand over that the Canonical ABI must refuse: every case is a {@link Trap}. */
class LiftTrapsTest {
    @TempDir
    Path cacheDir;

    AbiGuest guest;
    LiftLowerContext cx;

    @BeforeEach
    void setUp() {
        guest = new AbiGuest(cacheDir);
        cx = guest.context(StringEncoding.UTF8);
    }

    @AfterEach
    void tearDown() {
        guest.close();
    }

    AbstractThrowableAssert<?, ? extends Throwable> assertTrapLifting(ValType type, long... flat) {
        return assertThatThrownBy(() -> CanonicalAbi.liftFlat(cx, Layout.of(type), flat)).isInstanceOf(Trap.class);
    }

    static TrapReason reason(Throwable t) {
        return ((Trap) t).reason();
    }

    @ParameterizedTest
    @ValueSource(strings = {"61c328", "c080", "eda080", "f4908080", "e282", "ff", "80", "f0808080"})
    void invalidUtf8Traps(String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);
        guest.memory.writeBytes(0x1234, bytes);
        assertTrapLifting(PrimitiveType.STRING, 0x1234, bytes.length)
                .hasMessageStartingWith("invalid utf-8 in string at 0x123")
                .satisfies(t -> assertThat(reason(t)).isEqualTo(TrapReason.INVALID_VALUE));
    }

    @Test
    void invalidUtf8ReportsTheAddressOfTheBadByte() {
        guest.memory.writeBytes(0x1234, new byte[] {'o', 'k', (byte) 0xC3, '('});
        assertTrapLifting(PrimitiveType.STRING, 0x1234, 4).hasMessage("invalid utf-8 in string at 0x1236");
    }

    @Test
    void validMultiByteUtf8IsAccepted() {
        byte[] bytes = "é€😀".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        guest.memory.writeBytes(0x200, bytes);
        assertThat(CanonicalAbi.liftFlat(cx, Layout.of(PrimitiveType.STRING), new long[] {0x200, bytes.length}))
                .isEqualTo(WitValue.string("é€😀"));
    }

    @Test
    void unpairedUtf16SurrogatesTrap() {
        cx = guest.context(StringEncoding.UTF16);
        guest.memory.writeBytes(0x300, new byte[] {0x41, 0, 0x00, (byte) 0xD8, 0x41, 0});
        assertTrapLifting(PrimitiveType.STRING, 0x300, 3).hasMessageContaining("invalid utf-16").hasMessageContaining("0x302");
        guest.memory.writeBytes(0x400, new byte[] {0x00, (byte) 0xDC});
        assertTrapLifting(PrimitiveType.STRING, 0x400, 1).hasMessageContaining("invalid utf-16");
        cx = guest.context(StringEncoding.LATIN1_UTF16);
        assertTrapLifting(PrimitiveType.STRING, 0x400, 1 | StringEncoding.UTF16_TAG).hasMessageContaining("invalid utf-16");
    }

    @Test
    void latin1TaggedLengthSelectsTheEncoding() {
        cx = guest.context(StringEncoding.LATIN1_UTF16);
        guest.memory.writeBytes(0x500, new byte[] {(byte) 0xFF, 0x61});
        assertThat(CanonicalAbi.liftFlat(cx, Layout.of(PrimitiveType.STRING), new long[] {0x500, 2}))
                .isEqualTo(WitValue.string("ÿa"));
        assertThat(CanonicalAbi.liftFlat(cx, Layout.of(PrimitiveType.STRING),
                new long[] {0x500, 1L | 0x8000_0000L})).isEqualTo(WitValue.string("\u61ff"));
    }

    @Test
    void misalignedUtf16StringTraps() {
        cx = guest.context(StringEncoding.UTF16);
        assertTrapLifting(PrimitiveType.STRING, 0x301, 1).hasMessageContaining("misaligned string pointer 0x301");
    }

    @Test
    void outOfBoundsStringAndListTrap() {
        long size = guest.memory.sizeBytes();
        assertTrapLifting(PrimitiveType.STRING, size - 2, 5)
                .satisfies(t -> assertThat(reason(t)).isEqualTo(TrapReason.MEMORY_OUT_OF_BOUNDS))
                .hasMessageContaining("string out of bounds");
        assertTrapLifting(PrimitiveType.STRING, 0xFFFF_FFF0L, 1)
                .satisfies(t -> assertThat(reason(t)).isEqualTo(TrapReason.MEMORY_OUT_OF_BOUNDS));
        assertTrapLifting(new ListType(PrimitiveType.U32), size - 8, 3)
                .satisfies(t -> assertThat(reason(t)).isEqualTo(TrapReason.MEMORY_OUT_OF_BOUNDS))
                .hasMessageContaining("list out of bounds");
        assertTrapLifting(new ListType(PrimitiveType.U8), 0xFFFF_FFFFL, 1)
                .satisfies(t -> assertThat(reason(t)).isEqualTo(TrapReason.MEMORY_OUT_OF_BOUNDS));
        // a string pointer inside a record read from memory is checked too
        guest.memory.writeInt(0x600, 0x7fff_fff0);
        guest.memory.writeInt(0x604, 64);
        assertThatThrownBy(() -> CanonicalAbi.loadChecked(cx, Layout.of(PrimitiveType.STRING), 0x600))
                .isInstanceOf(Trap.class).hasMessageContaining("out of bounds");
        assertThatThrownBy(() -> CanonicalAbi.loadChecked(cx, Layout.of(PrimitiveType.U64), (int) size))
                .isInstanceOf(Trap.class).hasMessageContaining("out of bounds");
    }

    @Test
    void misalignedListPointerTraps() {
        assertTrapLifting(new ListType(PrimitiveType.U32), 0x102, 1).hasMessageContaining("misaligned list pointer 0x102");
        assertTrapLifting(new ListType(PrimitiveType.U64), 0x104, 1).hasMessageContaining("misaligned list pointer 0x104");
        assertThatThrownBy(() -> CanonicalAbi.loadChecked(cx, Layout.of(PrimitiveType.U32), 0x101))
                .isInstanceOf(Trap.class).hasMessageContaining("misaligned");
    }

    @Test
    void listByteLengthOverflowTraps() {
        assertTrapLifting(new ListType(PrimitiveType.U64), 0x100, 0x4000_0000L).hasMessageContaining("too long");
        assertTrapLifting(new ListType(PrimitiveType.STRING), 0x100, 0xFFFF_FFFFL).hasMessageContaining("too long");
        assertTrapLifting(PrimitiveType.STRING, 0x100, 0x1000_0000L).hasMessageContaining("too long");
    }

    @ParameterizedTest
    @ValueSource(longs = {0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0x110000, 0xFFFF_FFFFL, 0x8000_0000L})
    void invalidCharsTrap(long codePoint) {
        assertTrapLifting(PrimitiveType.CHAR, codePoint).hasMessageContaining("invalid char");
        guest.memory.writeInt(0x700, (int) codePoint);
        assertThatThrownBy(() -> CanonicalAbi.loadChecked(cx, Layout.of(PrimitiveType.CHAR), 0x700))
                .isInstanceOf(Trap.class).hasMessageContaining("invalid char");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 0xD7FF, 0xE000, 0x10FFFF})
    void scalarValuesAtTheBordersLift(int codePoint) {
        assertThat(CanonicalAbi.liftFlat(cx, Layout.of(PrimitiveType.CHAR), new long[] {codePoint}))
                .isEqualTo(WitValue.character(codePoint));
    }

    @Test
    void discriminantOutOfRangeTraps() {
        OptionType opt = new OptionType(PrimitiveType.U32);
        assertTrapLifting(opt, 2, 0).hasMessageContaining("discriminant 2 out of range");
        // the flat discriminant is a whole i32 even when memory would use one byte
        assertTrapLifting(opt, 0x100, 0).hasMessageContaining("discriminant 256");
        assertTrapLifting(LayoutTest.emptyCases(3), 0xFFFF_FFFFL).hasMessageContaining("discriminant 4294967295");
        guest.memory.writeByte(0x800, (byte) 3);
        assertThatThrownBy(() -> CanonicalAbi.loadChecked(cx, Layout.of(opt), 0x800))
                .isInstanceOf(Trap.class).hasMessageContaining("discriminant 3 out of range");
        guest.memory.writeShort(0x810, (short) 300);
        assertThatThrownBy(() -> CanonicalAbi.loadChecked(cx, Layout.of(LayoutTest.emptyCases(257)), 0x810))
                .isInstanceOf(Trap.class).hasMessageContaining("discriminant 300");
    }

    @Test
    void reallocResultsAreChecked() {
        LiftLowerContext misaligned = new LiftLowerContext(guest.memory, (o, os, a, n) -> 0x1001, StringEncoding.UTF8, null, null);
        assertThatThrownBy(() -> CanonicalAbi.lowerFlat(misaligned, Layout.of(new ListType(PrimitiveType.U32)),
                WitValue.list(WitValue.u32(1)))).isInstanceOf(Trap.class).hasMessageContaining("misaligned pointer 0x1001");
        int end = (int) guest.memory.sizeBytes() - 2;
        LiftLowerContext outside = new LiftLowerContext(guest.memory, (o, os, a, n) -> end, StringEncoding.UTF8, null, null);
        assertThatThrownBy(() -> CanonicalAbi.lowerFlat(outside, Layout.of(PrimitiveType.STRING), WitValue.string("four")))
                .isInstanceOf(Trap.class)
                .satisfies(t -> assertThat(reason(t)).isEqualTo(TrapReason.MEMORY_OUT_OF_BOUNDS));
    }

    @Test
    void hostValuesOfTheWrongShapeAreHostErrors() {
        assertThatThrownBy(() -> CanonicalAbi.lowerFlat(cx, Layout.of(PrimitiveType.U32), WitValue.string("x")))
                .isInstanceOf(Trap.class).satisfies(t -> assertThat(reason(t)).isEqualTo(TrapReason.HOST_ERROR));
        assertThatThrownBy(() -> CanonicalAbi.lowerFlat(cx, Layout.of(PrimitiveType.STRING), WitValue.string("\uD800x")))
                .isInstanceOf(Trap.class).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> CanonicalAbi.lowerFlat(cx, Layout.of(LayoutTest.flags(3)), WitValue.flags(3)))
                .isInstanceOf(Trap.class).hasMessageContaining("flag index 3");
        assertThatThrownBy(() -> CanonicalAbi.lowerFlat(cx, Layout.of(LayoutTest.emptyCases(2)), WitValue.variant(2)))
                .isInstanceOf(Trap.class).hasMessageContaining("out of range");
    }
}
