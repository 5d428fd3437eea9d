package dev.wharf.wasi.keyvalue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * How {@code increment} reads and writes counters. Wharf writes a counter as decimal ASCII text ("42", "-7"):
 * readable through the REST API and by any guest's {@code get}, and what the kv-counter fixture shows. It also
 * reads Spin's encoding, an 8-byte little-endian two's-complement integer, so data written by Spin-style guests
 * with {@code set} can be incremented (a value of 8 ASCII digits counts as decimal text). Anything else is not a
 * counter and {@code increment} fails with {@code other}.
 */
public final class CounterEncoding {
    private CounterEncoding() {
    }

    public static byte[] encode(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** The counter in {@code value}, or an {@code other} error naming the key. */
    public static long decode(String key, byte[] value) {
        if (isDecimal(value)) {
            try {
                return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw KeyValueException.other("the value of '" + key + "' is out of the s64 range");
            }
        }
        if (value.length == 8) {
            return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
        throw KeyValueException.other(KeyValueException.Reason.NOT_A_COUNTER, "the value of '" + key + "' is not a counter (decimal text or 8-byte little-endian)");
    }

    /** {@code current + delta}, or an {@code other} error on overflow. */
    public static long add(String key, long current, long delta) {
        try {
            return Math.addExact(current, delta);
        } catch (ArithmeticException e) {
            throw KeyValueException.other("incrementing '" + key + "' by " + delta + " overflows s64");
        }
    }

    private static boolean isDecimal(byte[] value) {
        int start = value.length > 0 && value[0] == '-' ? 1 : 0;
        if (value.length == start || value.length - start > 19) {
            return false;
        }
        for (int i = start; i < value.length; i++) {
            if (value[i] < '0' || value[i] > '9') {
                return false;
            }
        }
        return true;
    }
}
