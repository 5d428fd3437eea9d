package dev.wharf.engine.link;

import static dev.wharf.engine.values.WitValue.list;
import static dev.wharf.engine.values.WitValue.string;
import static dev.wharf.engine.values.WitValue.u32;
import static dev.wharf.engine.values.WitValue.u64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.values.WitValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** abi-strings-lists.wat end to end: strings and lists lowered with the guest's realloc, post-return resets it. */
class StringsListsLinkingTest {
    private static final String IFACE = "wharf:abi/strings-lists";
    private static Engine engine;
    private static ComponentInstance instance;

    @BeforeAll
    static void setUp() {
        engine = LinkTesting.newEngine();
        instance = LinkTesting.instantiate(engine, "abi-strings-lists");
    }

    @AfterAll
    static void tearDown() {
        instance.close();
        engine.close();
    }

    private static WitValue call(String fn, WitValue arg) {
        return instance.function(IFACE, fn).call(arg);
    }

    @Test
    void echoString() {
        for (String s : List.of("", "a", "héllo wörld", "emoji 😀 and 中文", "x".repeat(100_000))) {
            assertThat(call("echo-string", string(s))).isEqualTo(string(s));
        }
    }

    @Test
    void stringLenCountsUtf8Bytes() {
        assertThat(call("string-len", string(""))).isEqualTo(u32(0));
        assertThat(call("string-len", string("abc"))).isEqualTo(u32(3));
        assertThat(call("string-len", string("héllo"))).isEqualTo(u32(6));
        assertThat(call("string-len", string("😀"))).isEqualTo(u32(4));
    }

    @Test
    void bytes() {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        assertThat(call("echo-bytes", WitValue.bytes(data))).isEqualTo(WitValue.bytes(data));
        assertThat(call("echo-bytes", WitValue.bytes(new byte[0]))).isEqualTo(WitValue.bytes(new byte[0]));
        assertThat(call("reverse-bytes", WitValue.bytes(new byte[] {1, 2, 3, (byte) 0xff})))
                .isEqualTo(WitValue.bytes(new byte[] {(byte) 0xff, 3, 2, 1}));
        // a list of u8 values is accepted too, and comes back as bytes
        assertThat(call("echo-bytes", list(WitValue.u8(7), WitValue.u8(200)))).isEqualTo(WitValue.bytes(new byte[] {7, (byte) 200}));
    }

    @Test
    void listOfStrings() {
        WitValue l = list(string("one"), string(""), string("thrée"), string("😀"));
        assertThat(call("echo-strings", l)).isEqualTo(l);
        assertThat(call("echo-strings", list(List.of()))).isEqualTo(list(List.of()));
    }

    @Test
    void listOfU64() {
        WitValue l = list(u64(0), u64(-1L), u64(Long.MIN_VALUE), u64(42));
        assertThat(call("echo-u64s", l)).isEqualTo(l);
    }

    @Test
    void manyCallsDoNotExhaustMemory() {
        // post-return resets the guest's bump allocator; without it 300 x 1 MiB would exceed memory limits quickly
        byte[] mib = new byte[1 << 20];
        for (int i = 0; i < 300; i++) {
            assertThat(((WitValue.Bytes) call("reverse-bytes", WitValue.bytes(mib))).length()).isEqualTo(mib.length);
        }
        List<WitValue> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(string("s" + i));
        }
        assertThat(call("echo-strings", list(many))).isEqualTo(list(many));
    }
}
