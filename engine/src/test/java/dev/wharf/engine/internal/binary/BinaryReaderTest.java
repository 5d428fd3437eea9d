package dev.wharf.engine.internal.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.MalformedComponentException;
import dev.wharf.engine.testing.BinaryWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BinaryReaderTest {
    private static BinaryReader reader(int... bytes) {
        return new BinaryReader(BinaryWriter.bytes().u8(bytes).toByteArray());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 63, 64, 127, 128, 255, 624485, 0x7fffffffL, 0xffffffffL})
    void u32RoundTrips(long v) {
        BinaryReader r = new BinaryReader(BinaryWriter.bytes().u32(v).toByteArray());
        assertThat(r.readU32("x")).isEqualTo(v);
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void u32AcceptsNonMinimalWithinFiveBytes() {
        assertThat(reader(0x80, 0x80, 0x80, 0x80, 0x00).readU32("x")).isZero();
        assertThat(reader(0xff, 0x00).readU32("x")).isEqualTo(127);
    }

    @Test
    void u32RejectsOverlongEncoding() {
        assertThatThrownBy(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).readU32("count"))
                .isInstanceOf(MalformedComponentException.class)
                .hasMessageContaining("u32");
    }

    @Test
    void u32RejectsValueOver32Bits() {
        assertThatThrownBy(() -> reader(0xff, 0xff, 0xff, 0xff, 0x1f).readU32("count"))
                .isInstanceOf(MalformedComponentException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void u32RejectsTruncation() {
        assertThatThrownBy(() -> reader(0x80, 0x80).readU32("count"))
                .isInstanceOf(MalformedComponentException.class)
                .hasMessageContaining("unexpected end")
                .extracting(e -> ((MalformedComponentException) e).offset()).isEqualTo(0L);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 63, -64, 64, -65, 0xffffffffL, -0x100000000L})
    void s33RoundTrips(long v) {
        BinaryReader r = new BinaryReader(BinaryWriter.bytes().s64(v).toByteArray());
        assertThat(r.readSigned(33, "x")).isEqualTo(v);
    }

    @Test
    void s33RejectsOverRange() {
        // 2^33 does not fit s33
        BinaryReader r = new BinaryReader(BinaryWriter.bytes().s64(1L << 33).toByteArray());
        assertThatThrownBy(() -> r.readSigned(33, "valtype")).isInstanceOf(MalformedComponentException.class);
        assertThatThrownBy(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).readSigned(33, "v"))
                .isInstanceOf(MalformedComponentException.class).hasMessageContaining("too long");
    }

    @Test
    void s64HandlesExtremes() {
        BinaryReader r = new BinaryReader(BinaryWriter.bytes().s64(Long.MIN_VALUE).s64(Long.MAX_VALUE).toByteArray());
        assertThat(r.readSigned(64, "x")).isEqualTo(Long.MIN_VALUE);
        assertThat(r.readSigned(64, "x")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void namesDecodeUtf8() {
        BinaryReader r = new BinaryReader(BinaryWriter.bytes().name("héllo-wörld").toByteArray());
        assertThat(r.readName("n")).isEqualTo("héllo-wörld");
    }

    @Test
    void namesRejectInvalidUtf8() {
        assertThatThrownBy(() -> reader(0x02, 0xc3, 0x28).readName("import name"))
                .isInstanceOf(MalformedComponentException.class)
                .hasMessageContaining("import name is not valid UTF-8");
    }

    @Test
    void hostileLengthIsCheckedBeforeAllocating() {
        BinaryReader r = new BinaryReader(BinaryWriter.bytes().u32(0xffffffffL).u8(1, 2, 3).toByteArray());
        assertThatThrownBy(() -> r.readName("name"))
                .isInstanceOf(MalformedComponentException.class)
                .hasMessageContaining("length 4294967295 of name at offset 0 exceeds the 3 bytes left");
    }

    @Test
    void hostileCountIsCheckedAgainstMinimumElementSize() {
        BinaryReader r = new BinaryReader(BinaryWriter.bytes().u32(3).u8(1, 2, 3, 4, 5).toByteArray());
        assertThatThrownBy(() -> r.readCount("imports", 2))
                .isInstanceOf(MalformedComponentException.class)
                .hasMessageContaining("count 3 of imports");
    }

    @Test
    void sliceLimitsReads() {
        BinaryReader r = reader(1, 2, 3, 4);
        BinaryReader s = r.slice(2, "part");
        assertThat(s.readByte("a")).isEqualTo(1);
        assertThat(s.readByte("b")).isEqualTo(2);
        assertThatThrownBy(() -> s.readByte("c")).isInstanceOf(MalformedComponentException.class)
                .hasMessageContaining("expected c");
        assertThat(r.readByte("d")).isEqualTo(3);
    }
}
