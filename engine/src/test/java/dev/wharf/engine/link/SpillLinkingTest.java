package dev.wharf.engine.link;

import static dev.wharf.engine.values.WitValue.bool;
import static dev.wharf.engine.values.WitValue.bytes;
import static dev.wharf.engine.values.WitValue.character;
import static dev.wharf.engine.values.WitValue.f32;
import static dev.wharf.engine.values.WitValue.f64;
import static dev.wharf.engine.values.WitValue.s16;
import static dev.wharf.engine.values.WitValue.s64;
import static dev.wharf.engine.values.WitValue.string;
import static dev.wharf.engine.values.WitValue.u32;
import static dev.wharf.engine.values.WitValue.u64;
import static dev.wharf.engine.values.WitValue.u8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.values.WitValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** abi-spill.wat: more than 16 flat parameters travel as one pointer to a tuple the guest's realloc allocated. */
class SpillLinkingTest {
    private static final String IFACE = "wharf:abi/spill";
    private static Engine engine;
    private static ComponentInstance instance;

    @BeforeAll
    static void setUp() {
        engine = LinkTesting.newEngine();
        instance = LinkTesting.instantiate(engine, "abi-spill");
    }

    @AfterAll
    static void tearDown() {
        instance.close();
        engine.close();
    }

    @Test
    void sum17() {
        List<WitValue> args = new ArrayList<>();
        long expected = 0;
        for (int i = 1; i <= 17; i++) {
            args.add(u32(i * 1000L));
            expected += i * 1000L;
        }
        assertThat(instance.function(IFACE, "sum17").call(args)).isEqualTo(u64(expected));
    }

    @Test
    void sum17DoesNotWrapAt32Bits() {
        List<WitValue> args = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            args.add(u32(0xffff_ffffL));
        }
        assertThat(instance.function(IFACE, "sum17").call(args)).isEqualTo(u64(17 * 0xffff_ffffL));
    }

    @Test
    void echoMixed() {
        List<WitValue> args = List.of(u8(255), s16(-300), u32(0xdead_beefL), s64(Long.MIN_VALUE), f32(-1.25f), f64(Math.E),
                character(0x1f600), bool(true), string("spilled ✓"), bytes(new byte[] {1, 2, 3}), u64(-1L),
                u32(1), u32(2), u32(3), u32(4), u32(5), u32(6));
        WitValue result = instance.function(IFACE, "echo-mixed").call(args);
        assertThat(result).isEqualTo(new WitValue.TupleValue(args));
    }
}
