package dev.wharf.engine.internal.abi;

import static dev.wharf.engine.values.WitValue.bool;
import static dev.wharf.engine.values.WitValue.err;
import static dev.wharf.engine.values.WitValue.list;
import static dev.wharf.engine.values.WitValue.none;
import static dev.wharf.engine.values.WitValue.ok;
import static dev.wharf.engine.values.WitValue.record;
import static dev.wharf.engine.values.WitValue.some;
import static dev.wharf.engine.values.WitValue.string;
import static dev.wharf.engine.values.WitValue.u32;
import static dev.wharf.engine.values.WitValue.u8;
import static dev.wharf.engine.values.WitValue.variant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.types.EnumType;
import dev.wharf.engine.types.FlagsType;
import dev.wharf.engine.types.ListType;
import dev.wharf.engine.types.OptionType;
import dev.wharf.engine.types.PrimitiveType;
import dev.wharf.engine.types.ResultType;
import dev.wharf.engine.types.TupleType;
import dev.wharf.engine.types.ValType;
import dev.wharf.engine.values.WitValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lower then lift every kind of value, both flat and through linear memory, against a real guest
 * memory and the guest's own {@code cabi_realloc}.
 */
class RoundTripTest {
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

    /** Round-trips flat and through memory; returns the value lifted from memory. */
    WitValue roundTrip(ValType type, WitValue value) {
        Layout l = Layout.of(type);
        long[] flat = CanonicalAbi.lowerFlat(cx, l, value);
        assertThat(flat).hasSize(l.flatCount());
        WitValue fromFlat = CanonicalAbi.liftFlat(cx, l, flat);
        int ptr = cx.allocate(l.alignment(), l.size());
        CanonicalAbi.storeChecked(cx, l, value, ptr);
        WitValue fromMemory = CanonicalAbi.loadChecked(cx, l, ptr);
        assertThat(fromMemory).isEqualTo(fromFlat);
        return fromMemory;
    }

    void assertRoundTrips(ValType type, WitValue... values) {
        for (WitValue v : values) {
            assertThat(roundTrip(type, v)).as("%s as %s", v, type).isEqualTo(v);
        }
    }

    @Test
    void integersAtTheirBoundaries() {
        assertRoundTrips(PrimitiveType.BOOL, bool(true), bool(false));
        assertRoundTrips(PrimitiveType.S8, WitValue.s8(-128), WitValue.s8(127), WitValue.s8(0), WitValue.s8(-1));
        assertRoundTrips(PrimitiveType.U8, u8(0), u8(1), u8(127), u8(128), u8(255));
        assertRoundTrips(PrimitiveType.S16, WitValue.s16(Short.MIN_VALUE), WitValue.s16(Short.MAX_VALUE), WitValue.s16(-1));
        assertRoundTrips(PrimitiveType.U16, WitValue.u16(0), WitValue.u16(0x8000), WitValue.u16(0xFFFF));
        assertRoundTrips(PrimitiveType.S32, WitValue.s32(Integer.MIN_VALUE), WitValue.s32(Integer.MAX_VALUE));
        assertRoundTrips(PrimitiveType.U32, u32(0), u32(0x8000_0000L), u32(0xFFFF_FFFFL));
        assertRoundTrips(PrimitiveType.S64, WitValue.s64(Long.MIN_VALUE), WitValue.s64(Long.MAX_VALUE), WitValue.s64(-1));
        assertRoundTrips(PrimitiveType.U64, WitValue.u64(0), WitValue.u64(-1L), WitValue.u64(Long.MIN_VALUE));
        assertThat(roundTrip(PrimitiveType.U64, WitValue.u64(-1L)).toString()).isEqualTo("18446744073709551615");
        assertThat(roundTrip(PrimitiveType.U32, u32(0xFFFF_FFFFL)).toString()).isEqualTo("4294967295");
    }

    @Test
    void flatU32IsZeroExtendedAndS32SignFolded() {
        Layout u = Layout.of(PrimitiveType.U32);
        assertThat(CanonicalAbi.lowerFlat(cx, u, u32(0xFFFF_FFFFL))).containsExactly(0xFFFF_FFFFL);
        Layout s = Layout.of(PrimitiveType.S8);
        assertThat(CanonicalAbi.lowerFlat(cx, s, WitValue.s8(-1))).containsExactly(0xFFFF_FFFFL);
        // lifting ignores bits above the type's width, as lift_flat_unsigned/signed do
        assertThat(CanonicalAbi.liftFlat(cx, Layout.of(PrimitiveType.U8), new long[] {0x1FF})).isEqualTo(u8(255));
        assertThat(CanonicalAbi.liftFlat(cx, s, new long[] {0x180})).isEqualTo(WitValue.s8(-128));
        // any non-zero i32 is true
        assertThat(CanonicalAbi.liftFlat(cx, Layout.of(PrimitiveType.BOOL), new long[] {2})).isEqualTo(bool(true));
        guest.memory.writeByte(64, (byte) 0xFF);
        assertThat(CanonicalAbi.loadChecked(cx, Layout.of(PrimitiveType.BOOL), 64)).isEqualTo(bool(true));
    }

    @Test
    void floatsKeepSignsAndInfinitiesAndCanonicalizeNaN() {
        assertRoundTrips(PrimitiveType.F32, WitValue.f32(0f), WitValue.f32(-0f), WitValue.f32(Float.MIN_VALUE),
                WitValue.f32(Float.MAX_VALUE), WitValue.f32(Float.NEGATIVE_INFINITY), WitValue.f32(1.5f));
        assertRoundTrips(PrimitiveType.F64, WitValue.f64(0d), WitValue.f64(-0d), WitValue.f64(Double.MIN_VALUE),
                WitValue.f64(Double.POSITIVE_INFINITY), WitValue.f64(Math.PI));
        float oddNan = Float.intBitsToFloat(0xFFC0_1234);
        WitValue f = roundTrip(PrimitiveType.F32, WitValue.f32(oddNan));
        assertThat(Float.floatToRawIntBits(((WitValue.F32) f).value())).isEqualTo(0x7fc00000);
        double oddNan64 = Double.longBitsToDouble(0xFFF8_0000_0000_1234L);
        WitValue d = roundTrip(PrimitiveType.F64, WitValue.f64(oddNan64));
        assertThat(Double.doubleToRawLongBits(((WitValue.F64) d).value())).isEqualTo(0x7ff8000000000000L);
        // a NaN payload written by the guest is canonicalized on lift
        assertThat(CanonicalAbi.liftFlat(cx, Layout.of(PrimitiveType.F32), new long[] {0x7f800001L}))
                .isEqualTo(WitValue.f32(Float.intBitsToFloat(0x7fc00000)));
    }

    @Test
    void charsUpToTheSurrogateBorders() {
        assertRoundTrips(PrimitiveType.CHAR, WitValue.character(0), WitValue.character('a'), WitValue.character(0xD7FF),
                WitValue.character(0xE000), WitValue.character(0xFFFF), WitValue.character(0x1F600),
                WitValue.character(0x10FFFF));
    }

    @ParameterizedTest
    @EnumSource(StringEncoding.class)
    void stringsInEveryEncoding(StringEncoding encoding) {
        cx = guest.context(encoding);
        assertRoundTrips(PrimitiveType.STRING, string(""), string("hello"), string("ÿ latin-1 only é"),
                string("héllo wörld — ∑"), string("日本語"), string("astral 😀 𝄞 end"), string("\u0000nul"));
    }

    @Test
    void emptyAndNonEmptyLists() {
        ListType u32s = new ListType(PrimitiveType.U32);
        assertRoundTrips(u32s, list(), list(u32(1), u32(2), u32(0xFFFF_FFFFL)));
        ListType strings = new ListType(PrimitiveType.STRING);
        assertRoundTrips(strings, list(), list(string("a"), string(""), string("ünï")));
        ListType nested = new ListType(new ListType(PrimitiveType.S64));
        assertRoundTrips(nested, list(list(), list(WitValue.s64(-5))));
    }

    @Test
    void listOfU8UsesByteArrays() {
        ListType bytes = new ListType(PrimitiveType.U8);
        assertRoundTrips(bytes, WitValue.bytes(new byte[0]), WitValue.bytes(new byte[] {0, 1, (byte) 0xFF}));
        // a ListValue of U8 is accepted and comes back as Bytes
        assertThat(roundTrip(bytes, list(u8(7), u8(255)))).isEqualTo(WitValue.bytes(new byte[] {7, (byte) 0xFF}));
        byte[] big = new byte[40_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        assertThat(roundTrip(bytes, WitValue.Bytes.wrap(big))).isEqualTo(WitValue.bytes(big));
    }

    @Test
    void recordsTuplesEnumsOptionsResults() {
        assertRoundTrips(LayoutTest.record(PrimitiveType.U8, PrimitiveType.U32, PrimitiveType.U8),
                record(u8(1), u32(0x11223344L), u8(2)));
        assertRoundTrips(new TupleType(List.of(PrimitiveType.U8, PrimitiveType.STRING, PrimitiveType.F64)),
                WitValue.tuple(u8(9), string("t"), WitValue.f64(-2.5)));
        assertRoundTrips(new EnumType(List.of("a", "b", "c")), WitValue.enumCase(0), WitValue.enumCase(2));
        assertRoundTrips(new OptionType(PrimitiveType.F64), none(), some(WitValue.f64(1e300)));
        assertRoundTrips(new OptionType(new OptionType(PrimitiveType.U8)), none(), some(none()), some(some(u8(3))));
        assertRoundTrips(new ResultType(Optional.empty(), Optional.empty()), ok(), err());
        assertRoundTrips(new ResultType(Optional.empty(), Optional.of(PrimitiveType.STRING)), ok(), err(string("bad")));
        assertRoundTrips(new ResultType(Optional.of(PrimitiveType.U64), Optional.of(PrimitiveType.F32)),
                ok(WitValue.u64(-1L)), err(WitValue.f32(-0f)));
        // variants whose payloads join f32/f64 with integers
        assertRoundTrips(LayoutTest.variant(PrimitiveType.F32, PrimitiveType.U64, null, PrimitiveType.F64),
                variant(0, WitValue.f32(3.25f)), variant(1, WitValue.u64(-1L)), variant(2),
                variant(3, WitValue.f64(-0d)));
        assertRoundTrips(LayoutTest.emptyCases(300), variant(0), variant(299));
    }

    @Test
    void nestedVariantWithListsOfRecordsAndNestedResults() {
        ValType t = LayoutTest.nestedVariant();
        assertRoundTrips(t,
                variant(0, list()),
                variant(0, list(record(u32(1), string("one")), record(u32(0xFFFF_FFFFL), string("twö 😀")))),
                variant(1, none()),
                variant(1, some(ok(string("fine")))),
                variant(1, some(err(u8(7)))));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 9, 32, 33, 65})
    void flagsOfEverySize(int n) {
        FlagsType t = LayoutTest.flags(n);
        List<WitValue> values = new ArrayList<>();
        values.add(WitValue.flags());
        values.add(WitValue.flags(0));
        values.add(WitValue.flags(n - 1));
        values.add(WitValue.flags(IntStream.range(0, n).toArray()));
        values.add(WitValue.flags(IntStream.range(0, n).filter(i -> i % 3 == 0).toArray()));
        assertRoundTrips(t, values.toArray(WitValue[]::new));
    }

    @Test
    void flagBitsBeyondTheLabelsAreIgnoredOnLift() {
        assertThat(CanonicalAbi.liftFlat(cx, Layout.of(LayoutTest.flags(3)), new long[] {0xFF}))
                .isEqualTo(WitValue.flags(0, 1, 2));
    }
}
