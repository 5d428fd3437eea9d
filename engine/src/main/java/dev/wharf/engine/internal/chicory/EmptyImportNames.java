package dev.wharf.engine.internal.chicory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Works around Chicory 1.7.5 refusing a function import whose module and field names are both empty ("malformed
 * import kind"), which the core spec allows. wit-component (the library behind wasm-component-ld, cargo-component and
 * jco) emits exactly such an import in the start shim that calls a module's {@code _initialize}:
 * {@code (core module (import "" "" (func)) (start 0))}, so every component built by a current Rust
 * {@code wasm32-wasip2} toolchain has one.
 *
 * <p>Before Chicory sees a module, such imports get the field name {@link #PLACEHOLDER}; the engine's descriptors
 * and import bindings translate back, so the component layer only ever sees the real (empty) names. Modules without
 * such an import, nearly all of them, pass through as the same array. The byte digest used as the compile-cache key
 * is taken from the original bytes, and the rename is deterministic, so a cache hit parses the same renamed module.
 */
final class EmptyImportNames {

    /** A field name no toolchain writes (it starts with NUL); a module that does use it is left alone. */
    static final String PLACEHOLDER = "\u0000wharf:empty-import-name";

    private static final byte[] PLACEHOLDER_BYTES = PLACEHOLDER.getBytes(StandardCharsets.UTF_8);
    private static final int IMPORT_SECTION = 2;
    private static final int PREAMBLE = 8;

    private EmptyImportNames() {}

    /** The field name Chicory knows a function import by. */
    static String chicoryFunctionName(String module, String name) {
        return module.isEmpty() && name.isEmpty() ? PLACEHOLDER : name;
    }

    /** The field name as the module's bytes spell it. */
    static String wasmName(String module, String name) {
        return module.isEmpty() && name.equals(PLACEHOLDER) ? "" : name;
    }

    /**
     * {@code wasm} with every empty-named function import renamed, or {@code wasm} itself when there is none (or the
     * bytes are not a module this scan understands: Chicory then reports them as they are).
     */
    static byte[] rename(byte[] wasm) {
        try {
            return renameOrSame(wasm);
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            return wasm;
        }
    }

    private static byte[] renameOrSame(byte[] wasm) {
        var in = new Reader(wasm, PREAMBLE);
        while (in.pos < wasm.length) {
            int sectionStart = in.pos;
            int id = in.u8();
            int size = in.u32();
            int bodyStart = in.pos;
            if (id == IMPORT_SECTION) {
                byte[] body = renamedImports(new Reader(wasm, bodyStart), bodyStart + size);
                if (body == null) {
                    return wasm;
                }
                var out = new ByteArrayOutputStream(wasm.length + 64);
                out.write(wasm, 0, sectionStart);
                out.write(IMPORT_SECTION);
                writeU32(out, body.length);
                out.write(body, 0, body.length);
                out.write(wasm, bodyStart + size, wasm.length - bodyStart - size);
                return out.toByteArray();
            }
            in.pos = bodyStart + size;
        }
        return wasm;
    }

    /** The import section's new body, or null when no import needs renaming. */
    private static byte[] renamedImports(Reader in, int end) {
        var out = new ByteArrayOutputStream();
        int count = in.u32();
        writeU32(out, count);
        boolean renamed = false;
        for (int i = 0; i < count; i++) {
            int entryStart = in.pos;
            int moduleLength = in.u32();
            in.skip(moduleLength);
            int nameStart = in.pos;
            int nameLength = in.u32();
            int nameBytes = in.pos;
            in.skip(nameLength);
            int kind = in.u8();
            skipDescriptor(in, kind);
            if (moduleLength == 0 && nameLength == 0 && kind == 0) {
                out.write(in.data, entryStart, nameStart - entryStart);
                writeU32(out, PLACEHOLDER_BYTES.length);
                out.write(PLACEHOLDER_BYTES, 0, PLACEHOLDER_BYTES.length);
                out.write(in.data, nameStart + 1, in.pos - nameStart - 1);
                renamed = true;
            } else {
                if (moduleLength == 0 && Arrays.equals(in.data, nameBytes, nameBytes + nameLength, PLACEHOLDER_BYTES, 0,
                        PLACEHOLDER_BYTES.length)) {
                    return null; // the placeholder would be ambiguous: leave the module as it is
                }
                out.write(in.data, entryStart, in.pos - entryStart);
            }
        }
        if (in.pos != end) {
            throw new IllegalStateException("import section size mismatch");
        }
        return renamed ? out.toByteArray() : null;
    }

    private static void skipDescriptor(Reader in, int kind) {
        switch (kind) {
            case 0 -> in.u32(); // function: type index
            case 1 -> { // table: reference type, limits
                skipValueType(in);
                skipLimits(in);
            }
            case 2 -> skipLimits(in); // memory
            case 3 -> { // global: value type, mutability
                skipValueType(in);
                in.u8();
            }
            case 4 -> { // tag: attribute, type index
                in.u8();
                in.u32();
            }
            default -> throw new IllegalStateException("unknown import kind " + kind);
        }
    }

    private static void skipValueType(Reader in) {
        int type = in.u8();
        if (type == 0x63 || type == 0x64) { // (ref null? heaptype)
            in.s33();
        }
    }

    private static void skipLimits(Reader in) {
        int flags = in.u8();
        in.u64();
        if ((flags & 0x01) != 0) {
            in.u64();
        }
        if ((flags & 0x08) != 0) { // custom page size
            in.u32();
        }
    }

    private static void writeU32(ByteArrayOutputStream out, int value) {
        long v = value & 0xFFFFFFFFL;
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v == 0 ? b : b | 0x80);
        } while (v != 0);
    }

    private static final class Reader {
        final byte[] data;
        int pos;

        Reader(byte[] data, int pos) {
            this.data = data;
            this.pos = pos;
        }

        int u8() {
            return data[pos++] & 0xFF;
        }

        int u32() {
            return (int) u64();
        }

        long u64() {
            long result = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                int b = u8();
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalStateException("LEB128 too long");
        }

        void s33() {
            u64();
        }

        void skip(int length) {
            if (length < 0 || length > data.length - pos) {
                throw new IllegalStateException("name past the end");
            }
            pos += length;
        }
    }
}
