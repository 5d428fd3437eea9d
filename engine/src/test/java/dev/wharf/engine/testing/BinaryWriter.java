package dev.wharf.engine.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Tiny test-only writer for WebAssembly component (and core) binaries: LEB128 integers, names, vectors
 * and length-prefixed sections. Methods return {@code this} so byte sequences read like the grammar.
 */
public final class BinaryWriter {
    public static final byte[] COMPONENT_PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};
    public static final byte[] CORE_PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A writer for a component: starts with the component preamble. */
    public static BinaryWriter component() {
        return new BinaryWriter().raw(COMPONENT_PREAMBLE);
    }

    /** An empty writer (for section bodies or raw byte strings). */
    public static BinaryWriter bytes() {
        return new BinaryWriter();
    }

    /** The smallest core module: its preamble only. */
    public static byte[] emptyCoreModule() {
        return CORE_PREAMBLE.clone();
    }

    public BinaryWriter u8(int... bs) {
        for (int b : bs) {
            out.write(b & 0xff);
        }
        return this;
    }

    public BinaryWriter raw(byte[] bs) {
        out.writeBytes(bs);
        return this;
    }

    /** Unsigned LEB128 (minimal encoding). */
    public BinaryWriter u32(long value) {
        Leb128.writeUnsigned(out, value);
        return this;
    }

    /** Signed LEB128 (minimal encoding). */
    public BinaryWriter s64(long value) {
        Leb128.writeSigned(out, value);
        return this;
    }

    /** A {@code valtype} type index: encoded as a non-negative s33 (so 64 is {@code 0xc0 0x00}, not {@code 0x40}). */
    public BinaryWriter valTypeIndex(int index) {
        return s64(index);
    }

    /** {@code core:name}: length-prefixed UTF-8. */
    public BinaryWriter name(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u32(b.length).raw(b);
    }

    /** {@code nameattributes} plain form (0x00 prefix). */
    public BinaryWriter externName(String s) {
        return u8(0x00).name(s);
    }

    /** A vector: count then each element written by {@code body}. */
    @SafeVarargs
    public final BinaryWriter vec(Consumer<BinaryWriter>... items) {
        u32(items.length);
        for (Consumer<BinaryWriter> item : items) {
            item.accept(this);
        }
        return this;
    }

    /** A section: id, byte length, then the body written by {@code body}. */
    public BinaryWriter section(int id, Consumer<BinaryWriter> body) {
        BinaryWriter inner = new BinaryWriter();
        body.accept(inner);
        byte[] b = inner.toByteArray();
        return u8(id).u32(b.length).raw(b);
    }

    /** A section holding a vector of items: id, length, count, items. */
    @SafeVarargs
    public final BinaryWriter vecSection(int id, Consumer<BinaryWriter>... items) {
        return section(id, w -> w.vec(items));
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    public int size() {
        return out.size();
    }
}
