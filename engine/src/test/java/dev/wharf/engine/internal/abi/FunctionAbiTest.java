package dev.wharf.engine.internal.abi;

import static dev.wharf.engine.core.ValueType.I32;
import static dev.wharf.engine.core.ValueType.I64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.Trap;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.PrimitiveType;
import dev.wharf.engine.types.ResultType;
import dev.wharf.engine.types.ValType;
import dev.wharf.engine.values.WitValue;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole function signatures against real guest exports, and byte-exact memory images. */
class FunctionAbiTest {
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

    static FuncType func(List<ValType> params, ValType result) {
        return new FuncType(IntStream.range(0, params.size()).mapToObj(i -> new FuncType.Param("p" + i, params.get(i))).toList(),
                Optional.ofNullable(result));
    }

    String hex(int ptr, int length) {
        return HexFormat.of().formatHex(guest.memory.readBytes(ptr, length));
    }

    @Test
    void seventeenParamsSpillIntoAGuestAllocatedTuple() {
        FuncType ft = func(java.util.Collections.nCopies(17, PrimitiveType.U32), PrimitiveType.U64);
        FunctionAbi abi = FunctionAbi.of(ft);
        assertThat(abi.paramsInMemory()).isTrue();
        assertThat(abi.coreTypeForLift().params()).containsExactly(I32);
        assertThat(abi.coreTypeForLift()).isEqualTo(guest.sum17.type());
        List<WitValue> args = IntStream.range(0, 17).mapToObj(i -> (WitValue) WitValue.u32(i == 16 ? 0xFFFF_FFFFL : i + 1)).toList();

        long[] core = abi.lowerParams(cx, args);
        assertThat(core).hasSize(1);
        assertThat(core[0]).isGreaterThanOrEqualTo(AbiGuest.HEAP_START).matches(p -> p % 4 == 0);
        long[] results = guest.sum17.call(core);
        assertThat(abi.liftResult(cx, results)).contains(WitValue.u64(136 + 0xFFFF_FFFFL));
        // the other direction: a guest passing the same tuple to an import
        assertThat(abi.liftParams(cx, core)).isEqualTo(args);
    }

    @Test
    void sixteenFlatParamsStayFlat() {
        FunctionAbi abi = FunctionAbi.of(func(java.util.Collections.nCopies(8, PrimitiveType.STRING), null));
        assertThat(abi.paramsInMemory()).isFalse();
        assertThat(abi.coreTypeForLift().params()).hasSize(16);
        assertThat(FunctionAbi.of(func(java.util.Collections.nCopies(9, PrimitiveType.STRING), null)).paramsInMemory()).isTrue();
    }

    @Test
    void stringResultComesBackThroughAReturnPointer() {
        FunctionAbi abi = FunctionAbi.of(func(List.of(PrimitiveType.STRING), PrimitiveType.STRING));
        assertThat(abi.resultInMemory()).isTrue();
        assertThat(abi.coreTypeForLift()).isEqualTo(guest.echo.type());
        assertThat(abi.coreTypeForLower().params()).containsExactly(I32, I32, I32);
        assertThat(abi.coreTypeForLower().results()).isEmpty();

        long[] core = abi.lowerParams(cx, List.of(WitValue.string("round trip ✓")));
        long[] results = guest.echo.call(core);
        assertThat(results).containsExactly(16L);
        assertThat(abi.liftResult(cx, results)).contains(WitValue.string("round trip ✓"));
    }

    @Test
    void importResultIsWrittenThroughTheTrailingReturnPointer() {
        ValType resultType = new ResultType(Optional.of(PrimitiveType.U64), Optional.of(PrimitiveType.STRING));
        FunctionAbi abi = FunctionAbi.of(func(List.of(PrimitiveType.U32), resultType));
        long[] coreArgs = {5, 0x40};
        assertThat(abi.liftParams(cx, coreArgs)).containsExactly(WitValue.u32(5));
        assertThat(abi.lowerResult(cx, Optional.of(WitValue.ok(WitValue.u64(0x0102030405060708L))), coreArgs)).isEmpty();
        assertThat(hex(0x40, 16)).isEqualTo("00000000000000000807060504030201");
        assertThatThrownBy(() -> abi.lowerResult(cx, Optional.of(WitValue.ok(WitValue.u64(1))), new long[] {5, 0x44}))
                .isInstanceOf(Trap.class).hasMessageContaining("misaligned");
        assertThatThrownBy(() -> abi.liftResult(cx, new long[] {0x42})).isInstanceOf(Trap.class).hasMessageContaining("misaligned");
        assertThatThrownBy(() -> abi.liftResult(cx, new long[] {guest.memory.sizeBytes() - 8}))
                .isInstanceOf(Trap.class).hasMessageContaining("out of bounds");
    }

    @Test
    void flatResultIsReturnedDirectly() {
        FunctionAbi abi = FunctionAbi.of(func(List.of(), PrimitiveType.S32));
        assertThat(abi.resultInMemory()).isFalse();
        assertThat(abi.lowerResult(cx, Optional.of(WitValue.s32(-2)), new long[0])).containsExactly(0xFFFF_FFFEL);
        assertThat(abi.liftResult(cx, new long[] {0xFFFF_FFFEL})).contains(WitValue.s32(-2));
        assertThat(FunctionAbi.of(func(List.of(), null)).coreTypeForLift().results()).isEmpty();
        assertThat(FunctionAbi.of(func(List.of(PrimitiveType.U64), PrimitiveType.U64)).coreTypeForLower().params())
                .containsExactly(I64);
    }

    @Test
    void spilledParamPointerFromTheGuestIsChecked() {
        FunctionAbi abi = FunctionAbi.of(func(java.util.Collections.nCopies(17, PrimitiveType.U32), null));
        assertThatThrownBy(() -> abi.liftParams(cx, new long[] {2})).isInstanceOf(Trap.class).hasMessageContaining("misaligned");
        assertThatThrownBy(() -> abi.liftParams(cx, new long[] {guest.memory.sizeBytes() - 4}))
                .isInstanceOf(Trap.class).hasMessageContaining("out of bounds");
    }

    // ------------------------------------------------------------------ byte-exact images

    @Test
    void recordImageMatchesTheSpec() {
        Layout l = Layout.of(LayoutTest.record(PrimitiveType.U8, PrimitiveType.U32, PrimitiveType.U8));
        CanonicalAbi.storeChecked(cx, l, WitValue.record(WitValue.u8(1), WitValue.u32(0x11223344L), WitValue.u8(2)), 0x80);
        assertThat(hex(0x80, 12)).isEqualTo("01000000" + "44332211" + "02000000");
    }

    @Test
    void resultErrStringImageMatchesTheSpec() {
        Layout l = Layout.of(new ResultType(Optional.empty(), Optional.of(PrimitiveType.STRING)));
        CanonicalAbi.storeChecked(cx, l, WitValue.err(WitValue.string("hi")), 0x80);
        int ptr = guest.memory.readInt(0x84);
        assertThat(hex(0x80, 1)).isEqualTo("01");
        assertThat(guest.memory.readInt(0x88)).isEqualTo(2);
        assertThat(hex(ptr, 2)).isEqualTo("6869");
        assertThat(ptr).isGreaterThanOrEqualTo(AbiGuest.HEAP_START);
    }

    @Test
    void flagsImagesUseTheSmallestInteger() {
        CanonicalAbi.storeChecked(cx, Layout.of(LayoutTest.flags(9)), WitValue.flags(0, 8), 0x90);
        assertThat(hex(0x90, 2)).isEqualTo("0101");
        CanonicalAbi.storeChecked(cx, Layout.of(LayoutTest.flags(33)), WitValue.flags(1, 32), 0xA0);
        assertThat(hex(0xA0, 8)).isEqualTo("02000000" + "01000000");
        assertThat(CanonicalAbi.lowerFlat(cx, Layout.of(LayoutTest.flags(65)), WitValue.flags(31, 64)))
                .containsExactly(0x8000_0000L, 0, 1);
    }

    @Test
    void variantFlatPayloadIsZeroExtendedAndPadded() {
        Layout l = Layout.of(LayoutTest.variant(PrimitiveType.F32, PrimitiveType.U64, PrimitiveType.STRING));
        assertThat(l.flatTypes()).containsExactly(I32, I64, I32);
        assertThat(CanonicalAbi.lowerFlat(cx, l, WitValue.variant(0, WitValue.f32(-1f))))
                .containsExactly(0, Float.floatToRawIntBits(-1f) & 0xFFFF_FFFFL, 0);
        // a guest may leave garbage in the high bits of a joined slot: an f32 payload reads the low 32
        assertThat(CanonicalAbi.liftFlat(cx, l, new long[] {0, 0xDEAD_BEEF_0000_0000L | Float.floatToRawIntBits(2f), 99}))
                .isEqualTo(WitValue.variant(0, WitValue.f32(2f)));
    }

    @Test
    void stringEncodingsWriteTheSpecBytesAndLengths() {
        Layout s = Layout.of(PrimitiveType.STRING);
        LiftLowerContext latin = guest.context(StringEncoding.LATIN1_UTF16);
        long[] flat = CanonicalAbi.lowerFlat(latin, s, WitValue.string("ÿa"));
        assertThat(flat[1]).isEqualTo(2);
        assertThat(flat[0] % 2).isZero();
        assertThat(hex((int) flat[0], 2)).isEqualTo("ff61");

        flat = CanonicalAbi.lowerFlat(latin, s, WitValue.string("a日"));
        assertThat(flat[1]).isEqualTo(2 | 0x8000_0000L);
        assertThat(hex((int) flat[0], 4)).isEqualTo("6100e565");

        LiftLowerContext utf16 = guest.context(StringEncoding.UTF16);
        flat = CanonicalAbi.lowerFlat(utf16, s, WitValue.string("😀"));
        assertThat(flat[1]).isEqualTo(2);
        assertThat(hex((int) flat[0], 4)).isEqualTo("3dd800de");

        flat = CanonicalAbi.lowerFlat(cx, s, WitValue.string("é😀"));
        assertThat(flat[1]).isEqualTo(6);
        assertThat(hex((int) flat[0], 6)).isEqualTo("c3a9f09f9880");
    }

    @Test
    void emptyValuesStillCallReallocWithZeroBytes() {
        int[] calls = {0};
        Realloc counting = (o, os, a, n) -> {
            calls[0]++;
            assertThat(n).isZero();
            return guest.reallocFn().realloc(o, os, a, n);
        };
        LiftLowerContext c = new LiftLowerContext(guest.memory, counting, StringEncoding.UTF8, null, null);
        CanonicalAbi.lowerFlat(c, Layout.of(PrimitiveType.STRING), WitValue.string(""));
        CanonicalAbi.lowerFlat(c, Layout.of(new dev.wharf.engine.types.ListType(PrimitiveType.U8)), WitValue.bytes(new byte[0]));
        assertThat(calls[0]).isEqualTo(2);
    }
}
