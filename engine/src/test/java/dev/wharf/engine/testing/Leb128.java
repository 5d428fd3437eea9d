package dev.wharf.engine.testing;

import java.io.ByteArrayOutputStream;

/** LEB128 encoding (minimal length) for the test binary writers ({@link BinaryWriter}, {@code core.WasmBuilder}). */
public final class Leb128 {
    private Leb128() {}

    /** Unsigned LEB128 of {@code value} (treated as unsigned 64-bit). */
    public static void writeUnsigned(ByteArrayOutputStream out, long value) {
        long v = value;
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    /** Signed LEB128 of {@code value}. */
    public static void writeSigned(ByteArrayOutputStream out, long value) {
        long v = value;
        while (true) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }
}
