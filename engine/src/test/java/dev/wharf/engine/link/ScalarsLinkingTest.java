package dev.wharf.engine.link;

import static dev.wharf.engine.values.WitValue.character;
import static dev.wharf.engine.values.WitValue.f32;
import static dev.wharf.engine.values.WitValue.f64;
import static dev.wharf.engine.values.WitValue.s16;
import static dev.wharf.engine.values.WitValue.s32;
import static dev.wharf.engine.values.WitValue.s64;
import static dev.wharf.engine.values.WitValue.s8;
import static dev.wharf.engine.values.WitValue.u16;
import static dev.wharf.engine.values.WitValue.u32;
import static dev.wharf.engine.values.WitValue.u64;
import static dev.wharf.engine.values.WitValue.u8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.ExportedFunction;
import dev.wharf.engine.Linker;
import dev.wharf.engine.values.WitValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** abi-scalars.wat end to end: every echo with edge values, and the three transforms. */
class ScalarsLinkingTest {
    private static final String IFACE = "wharf:abi/scalars";
    private static Engine engine;
    private static ComponentInstance instance;

    @BeforeAll
    static void setUp() {
        engine = LinkTesting.newEngine();
        instance = LinkTesting.instantiate(engine, "abi-scalars");
    }

    @AfterAll
    static void tearDown() {
        instance.close();
        engine.close();
    }

    private static WitValue call(String fn, WitValue arg) {
        return instance.function(IFACE, fn).call(arg);
    }

    private static void assertEchoes(String fn, WitValue... values) {
        ExportedFunction f = instance.function(IFACE, fn);
        for (WitValue v : values) {
            assertThat(f.call(v)).as(fn + "(" + v + ")").isEqualTo(v);
        }
    }

    @Test
    void planHasNoImportsAndOneModule() {
        ComponentPlan plan = engine.plan(LinkTesting.fixture("abi-scalars"));
        assertThat(plan.requiredFunctions()).isEmpty();
        assertThat(plan.coreModuleCount()).isEqualTo(1);
    }

    @Test
    void bool() {
        assertEchoes("echo-bool", WitValue.bool(true), WitValue.bool(false));
        assertThat(call("not-bool", WitValue.bool(true))).isEqualTo(WitValue.bool(false));
        assertThat(call("not-bool", WitValue.bool(false))).isEqualTo(WitValue.bool(true));
    }

    @Test
    void signedIntegers() {
        assertEchoes("echo-s8", s8(Byte.MIN_VALUE), s8(-1), s8(0), s8(Byte.MAX_VALUE));
        assertEchoes("echo-s16", s16(Short.MIN_VALUE), s16(-1), s16(0), s16(Short.MAX_VALUE));
        assertEchoes("echo-s32", s32(Integer.MIN_VALUE), s32(-1), s32(0), s32(Integer.MAX_VALUE));
        assertEchoes("echo-s64", s64(Long.MIN_VALUE), s64(-1), s64(0), s64(Long.MAX_VALUE));
    }

    @Test
    void unsignedIntegers() {
        assertEchoes("echo-u8", u8(0), u8(1), u8(127), u8(128), u8(255));
        assertEchoes("echo-u16", u16(0), u16(0x7fff), u16(0x8000), u16(0xffff));
        assertEchoes("echo-u32", u32(0), u32(0x7fff_ffffL), u32(0x8000_0000L), u32(0xffff_ffffL));
        assertEchoes("echo-u64", u64(0), u64(Long.MAX_VALUE), u64(Long.MIN_VALUE), u64(-1L));
        assertThat(((WitValue.U32) call("echo-u32", u32(0xffff_ffffL))).asLong()).isEqualTo(0xffff_ffffL);
    }

    @Test
    void floats() {
        assertEchoes("echo-f32", f32(0f), f32(-0f), f32(1.5f), f32(Float.MIN_VALUE), f32(Float.MAX_VALUE),
                f32(Float.NEGATIVE_INFINITY), f32(Float.POSITIVE_INFINITY));
        assertEchoes("echo-f64", f64(0d), f64(-0d), f64(Math.PI), f64(Double.MIN_VALUE), f64(Double.MAX_VALUE),
                f64(Double.NEGATIVE_INFINITY));
        WitValue.F32 negZero = (WitValue.F32) call("echo-f32", f32(-0f));
        assertThat(Float.floatToRawIntBits(negZero.value())).isEqualTo(0x8000_0000);
        WitValue.F64 negZero64 = (WitValue.F64) call("echo-f64", f64(-0d));
        assertThat(Double.doubleToRawLongBits(negZero64.value())).isEqualTo(0x8000_0000_0000_0000L);
    }

    @Test
    void nanIsCanonicalizedBothWays() {
        // a NaN with a payload goes in; the canonical ABI lowers and lifts canonical NaNs only
        WitValue.F32 r32 = (WitValue.F32) call("echo-f32", f32(Float.intBitsToFloat(0x7fa0_0001)));
        assertThat(Float.floatToRawIntBits(r32.value())).isEqualTo(0x7fc0_0000);
        WitValue.F64 r64 = (WitValue.F64) call("echo-f64", f64(Double.longBitsToDouble(0xfff0_0000_0000_0abcL)));
        assertThat(Double.doubleToRawLongBits(r64.value())).isEqualTo(0x7ff8_0000_0000_0000L);
    }

    @Test
    void chars() {
        assertEchoes("echo-char", character(0), character('a'), character(0xd7ff), character(0xe000), character(0x1f600),
                character(0x10ffff));
    }

    @Test
    void transformsWrap() {
        assertThat(call("add-one-u32", u32(41))).isEqualTo(u32(42));
        assertThat(call("add-one-u32", u32(0xffff_ffffL))).isEqualTo(u32(0));
        assertThat(call("negate-s64", s64(5))).isEqualTo(s64(-5));
        assertThat(call("negate-s64", s64(Long.MIN_VALUE))).isEqualTo(s64(Long.MIN_VALUE));
    }

    @Test
    void exportedFunctionKnowsItsType() {
        ExportedFunction f = instance.function(IFACE, "echo-u32");
        assertThat(f.name()).isEqualTo("wharf:abi/scalars#echo-u32");
        assertThat(f.type().toString()).isEqualTo("func(x: u32) -> u32");
    }

    @Test
    void wrongArgumentsAreRejected() {
        assertThatThrownBy(() -> instance.function(IFACE, "echo-u32").call())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 1 argument(s), got 0");
        assertThatThrownBy(() -> instance.function(IFACE, "nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exports no function wharf:abi/scalars#nope");
        assertThatThrownBy(() -> instance.function("wharf:abi/other", "echo-u32"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exported interfaces: [wharf:abi/scalars]");
    }

    @Test
    void instancesAreIndependentAndReusable() {
        Linker linker = new Linker(engine);
        var prepared = linker.prepare(engine.plan(LinkTesting.fixture("abi-scalars")));
        try (ComponentInstance a = prepared.instantiate(); ComponentInstance b = prepared.instantiate()) {
            assertThat(a.function(IFACE, "echo-s32").call(s32(7))).isEqualTo(s32(7));
            assertThat(b.function(IFACE, "echo-s32").call(s32(8))).isEqualTo(s32(8));
        }
    }
}
