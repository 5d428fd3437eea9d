package dev.wharf.engine.link;

import static dev.wharf.engine.values.WitValue.enumCase;
import static dev.wharf.engine.values.WitValue.err;
import static dev.wharf.engine.values.WitValue.f32;
import static dev.wharf.engine.values.WitValue.f64;
import static dev.wharf.engine.values.WitValue.flags;
import static dev.wharf.engine.values.WitValue.list;
import static dev.wharf.engine.values.WitValue.none;
import static dev.wharf.engine.values.WitValue.ok;
import static dev.wharf.engine.values.WitValue.record;
import static dev.wharf.engine.values.WitValue.s32;
import static dev.wharf.engine.values.WitValue.some;
import static dev.wharf.engine.values.WitValue.string;
import static dev.wharf.engine.values.WitValue.tuple;
import static dev.wharf.engine.values.WitValue.u32;
import static dev.wharf.engine.values.WitValue.variant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.values.WitValue;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** abi-aggregates.wat end to end; its interface is re-exported through a nested shim component (flattened at plan time). */
class AggregatesLinkingTest {
    private static final String IFACE = "wharf:abi/aggregates";
    private static Engine engine;
    private static ComponentInstance instance;

    @BeforeAll
    static void setUp() {
        engine = LinkTesting.newEngine();
        instance = LinkTesting.instantiate(engine, "abi-aggregates");
    }

    @AfterAll
    static void tearDown() {
        instance.close();
        engine.close();
    }

    private static void assertEchoes(String fn, WitValue... values) {
        var f = instance.function(IFACE, fn);
        for (WitValue v : values) {
            assertThat(f.call(v)).as(fn + "(" + v + ")").isEqualTo(v);
        }
    }

    private static WitValue point(int x, int y) {
        return record(s32(x), s32(y));
    }

    private static WitValue item(String name, long qty, double price) {
        return record(string(name), u32(qty), f64(price));
    }

    @Test
    void records() {
        assertEchoes("echo-point", point(1, -2), point(Integer.MIN_VALUE, Integer.MAX_VALUE));
        assertThat(instance.function(IFACE, "point-add").call(point(1, 2), point(10, -20))).isEqualTo(point(11, -18));
        assertEchoes("echo-item", item("widget", 3, 9.99), item("", 0, -0.0), item("ünïcode 😀", 0xffff_ffffL, 1e300));
    }

    @Test
    void tuples() {
        assertEchoes("echo-tuple", tuple(s32(-5), string("five")), tuple(s32(0), string("")));
    }

    @Test
    void variants() {
        assertEchoes("echo-shape",
                variant(0, f32(1.5f)),
                variant(1, point(3, 4)),
                variant(2),
                variant(3, list(item("a", 1, 0.5), item("b", 2, 1.5))),
                variant(3, list(List.of())));
    }

    @Test
    void enums() {
        assertEchoes("echo-color", enumCase(0), enumCase(1), enumCase(2));
    }

    @Test
    void optionsAndResults() {
        assertEchoes("echo-option-u32", none(), some(u32(0)), some(u32(0xffff_ffffL)));
        assertEchoes("echo-option-string", none(), some(string("")), some(string("hello")));
        assertEchoes("echo-result", ok(u32(7)), err(string("boom")), err(string("")));
    }

    @Test
    void flagsOfEverySize() {
        assertEchoes("echo-small-flags", flags(), flags(0), flags(0, 2), flags(0, 1, 2));
        assertEchoes("echo-medium-flags", flags(), flags(0, 11), flags(8), flags(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
        assertEchoes("echo-big-flags", flags(), flags(0, 31), flags(16), flags(31));
    }

    @Test
    void everyExportOfTheInterfaceIsReachable() {
        for (String fn : List.of("echo-point", "point-add", "echo-item", "echo-tuple", "echo-shape", "echo-color",
                "echo-option-u32", "echo-option-string", "echo-result", "echo-small-flags", "echo-medium-flags", "echo-big-flags")) {
            assertThat(instance.function(IFACE, fn).name()).isEqualTo(IFACE + "#" + fn);
        }
    }
}
