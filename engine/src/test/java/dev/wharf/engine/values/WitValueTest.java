package dev.wharf.engine.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.types.ResourceType;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class WitValueTest {

    @Test
    void unsignedValuesPrintAsUnsigned() {
        assertThat(WitValue.u32(0xFFFF_FFFFL)).hasToString("4294967295");
        assertThat(WitValue.u32(0xFFFF_FFFFL).asLong()).isEqualTo(0xFFFF_FFFFL);
        assertThat(WitValue.u64(-1L)).hasToString("18446744073709551615");
        assertThat(WitValue.s64(Long.MIN_VALUE)).hasToString("-9223372036854775808");
        assertThat(WitValue.u8(255)).hasToString("255");
    }

    @Test
    void factoriesRejectOutOfRangeValues() {
        assertThatThrownBy(() -> WitValue.u8(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WitValue.u8(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WitValue.s8(128)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WitValue.u16(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WitValue.s16(-32769)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WitValue.u32(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WitValue.character(0xD800)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WitValue.character(0x110000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(WitValue.character(0x10FFFF).codePoint()).isEqualTo(0x10FFFF);
    }

    @Test
    void compoundValuesPrintReadably() {
        ResourceType r = new ResourceType("fields", false);
        WitValue v = WitValue.record(WitValue.string("a\"b"), WitValue.list(WitValue.u8(1), WitValue.u8(2)),
                WitValue.some(WitValue.ok(WitValue.character('x'))), WitValue.none(), WitValue.err(),
                WitValue.variant(2, WitValue.bool(true)), WitValue.enumCase(1), WitValue.flags(0, 3),
                WitValue.tuple(WitValue.f32(1.5f), WitValue.f64(-0d)), WitValue.own(r, 7), WitValue.borrow(r, 8),
                WitValue.bytes(new byte[] {1, (byte) 0xAB}));
        assertThat(v).hasToString("{\"a\\\"b\", [1, 2], some(ok('x')), none, err, case#2(true), enum#1, {0, 3}, "
                + "(1.5, -0.0), own<fields>(rep 7), borrow<fields>(rep 8), bytes[01 ab]}");
    }

    @Test
    void bytesCompareByContentAndCopyDefensively() {
        byte[] raw = {1, 2, 3};
        WitValue.Bytes copied = WitValue.bytes(raw);
        raw[0] = 9;
        assertThat(copied.toByteArray()).containsExactly(1, 2, 3);
        assertThat(copied).isEqualTo(WitValue.Bytes.wrap(new byte[] {1, 2, 3}));
        assertThat(copied.hashCode()).isEqualTo(WitValue.Bytes.wrap(new byte[] {1, 2, 3}).hashCode());
        assertThat(WitValue.Bytes.wrap(raw).array()).isSameAs(raw);
        assertThat(WitValue.Bytes.wrap(new byte[100]).toString()).endsWith("(100 bytes)]");
    }

    @Test
    void floatsCompareByBits() {
        assertThat(WitValue.f32(Float.NaN)).isEqualTo(WitValue.f32(Float.NaN));
        assertThat(WitValue.f32(0f)).isNotEqualTo(WitValue.f32(-0f));
        assertThat(WitValue.f64(-0d)).isNotEqualTo(WitValue.f64(0d));
    }

    @Test
    void flagsAreImmutable() {
        BitSet set = new BitSet();
        set.set(2);
        WitValue.FlagsValue f = WitValue.flags(set);
        set.set(5);
        f.set().set(6);
        assertThat(f.indices()).containsExactly(2);
        assertThat(f.isSet(2)).isTrue();
        assertThat(f).isEqualTo(WitValue.flags(2));
    }

    @Test
    void sharedConstantsAreEqualToFreshInstances() {
        assertThat(WitValue.bool(true)).isEqualTo(new WitValue.Bool(true));
        assertThat(WitValue.none().isSome()).isFalse();
        assertThat(WitValue.ok()).isEqualTo(new WitValue.ResultValue(true, java.util.Optional.empty()));
    }
}
