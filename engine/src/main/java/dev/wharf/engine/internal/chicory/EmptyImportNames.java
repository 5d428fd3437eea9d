package dev.wharf.engine.internal.chicory;

import java.io.ByteArrayOutputStream;

/**
 * Lets Chicory load modules that import a function named {@code ("" "")}.
 *
 * <p>Such an import is valid WebAssembly, and wit-component emits it: TinyGo's components run the main module's
 * {@code _initialize} from a tiny module {@code (import "" "" (func)) (start 0)}. Chicory 1.7.5's parser rejects a
 * function import whose module and field names are both empty ("malformed import kind", a shortcut for one spec
 * test). So before parsing, such an import's field name becomes {@link #PLACEHOLDER}; {@link #original} and
 * {@link #chicoryName} translate between the two, and everything outside this package sees the real, empty names.
 * The module's digest (compile cache key) is taken from the original bytes.
 */
final class EmptyImportNames {

    /** A field name no real import is expected to have (it starts with a NUL character). */
    static final String PLACEHOLDER = "\0wharf:empty-import-name";

    private static final int IMPORT_SECTION = 2;
    private static final int KIND_FUNCTION = 0;

    private EmptyImportNames() {}

    /** The field name Chicory knows a function import by. */
    static String chicoryName(String module, String name) {
        return module.isEmpty() && name.isEmpty() ? PLACEHOLDER : name;
    }

    /** The import's real field name, given what Chicory parsed. */
    static String original(String module, String chicoryName) {
        return module.isEmpty() && chicoryName.equals(PLACEHOLDER) ? "" : chicoryName;
    }

    /**
     * {@code wasm} with every {@code ("" "")} function import renamed, or {@code wasm} itself when there is none or
     * the bytes cannot be walked (then Chicory's own parser reports the problem).
     */
    static byte[] rewrite(byte[] wasm) {
        try {
            return rewriteOrSame(wasm);
        } catch (RuntimeException e) { // truncated or unknown encodings: leave it to the parser
            return wasm;
        }
    }

    private static byte[] rewriteOrSame(byte[] wasm) {
        int[] pos = {8};
        while (pos[0] < wasm.length) {
            int sectionStart = pos[0];
            int id = wasm[pos[0]++] & 0xff;
            int size = (int) readUnsigned(wasm, pos);
            int contentStart = pos[0];
            int contentEnd = contentStart + size;
            if (id == IMPORT_SECTION) {
                byte[] content = renamedImports(wasm, contentStart, contentEnd);
                if (content == null) {
                    return wasm;
                }
                var out = new ByteArrayOutputStream(wasm.length + 64);
                out.write(wasm, 0, sectionStart);
                out.write(IMPORT_SECTION);
                writeUnsigned(out, content.length);
                out.writeBytes(content);
                out.write(wasm, contentEnd, wasm.length - contentEnd);
                return out.toByteArray();
            }
            pos[0] = contentEnd;
        }
        return wasm;
    }

    /** The import section's content with the renames, or null if no import needs one. */
    private static byte[] renamedImports(byte[] wasm, int start, int end) {
        int[] pos = {start};
        long count = readUnsigned(wasm, pos);
        var out = new ByteArrayOutputStream(end - start + 64);
        writeUnsigned(out, count);
        boolean renamed = false;
        for (long i = 0; i < count; i++) {
            int entryStart = pos[0];
            int moduleLength = (int) readUnsigned(wasm, pos);
            pos[0] += moduleLength;
            int nameLength = (int) readUnsigned(wasm, pos);
            pos[0] += nameLength;
            int kindAt = pos[0];
            int kind = wasm[pos[0]++] & 0xff;
            skipDescriptor(wasm, pos, kind);
            if (moduleLength == 0 && nameLength == 0 && kind == KIND_FUNCTION) {
                writeUnsigned(out, 0);
                byte[] placeholder = PLACEHOLDER.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                writeUnsigned(out, placeholder.length);
                out.writeBytes(placeholder);
                out.write(wasm, kindAt, pos[0] - kindAt);
                renamed = true;
            } else {
                out.write(wasm, entryStart, pos[0] - entryStart);
            }
        }
        if (pos[0] != end) {
            throw new IllegalArgumentException("import section size mismatch");
        }
        return renamed ? out.toByteArray() : null;
    }

    private static void skipDescriptor(byte[] wasm, int[] pos, int kind) {
        switch (kind) {
            case 0 -> readUnsigned(wasm, pos); // function: type index
            case 1 -> { // table: reference type, limits
                skipValueType(wasm, pos);
                skipLimits(wasm, pos);
            }
            case 2 -> skipLimits(wasm, pos); // memory
            case 3 -> { // global: value type, mutability
                skipValueType(wasm, pos);
                pos[0]++;
            }
            case 4 -> { // tag: attribute, type index
                pos[0]++;
                readUnsigned(wasm, pos);
            }
            default -> throw new IllegalArgumentException("unknown import kind " + kind);
        }
    }

    private static void skipValueType(byte[] wasm, int[] pos) {
        int type = wasm[pos[0]++] & 0xff;
        if (type == 0x63 || type == 0x64) { // (ref null ht) / (ref ht): a heap type follows
            readUnsigned(wasm, pos);
        }
    }

    private static void skipLimits(byte[] wasm, int[] pos) {
        int flags = (int) readUnsigned(wasm, pos);
        readUnsigned(wasm, pos);
        if ((flags & 1) != 0) {
            readUnsigned(wasm, pos);
        }
        if ((flags & 8) != 0) { // custom page size
            readUnsigned(wasm, pos);
        }
    }

    private static long readUnsigned(byte[] wasm, int[] pos) {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = wasm[pos[0]++] & 0xff;
            result |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return result;
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalArgumentException("LEB128 too long");
            }
        }
    }

    private static void writeUnsigned(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }
}
