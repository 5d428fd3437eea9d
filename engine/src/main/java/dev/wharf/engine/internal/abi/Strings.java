package dev.wharf.engine.internal.abi;

import dev.wharf.engine.core.CoreMemory;
import java.nio.charset.StandardCharsets;

/**
 * {@code load_string_from_range} and {@code store_string_into_range} for the three string
 * encodings. Lifting validates strictly (a guest's invalid UTF-8 or UTF-16 traps, with the offset
 * of the first bad byte). Lowering knows the whole Java string up front, so it allocates the exact
 * final size with one {@code realloc} call instead of the spec's speculative allocate-then-shrink
 * sequence; the bytes written and the (pointer, tagged length) pair are the ones the spec produces.
 */
final class Strings {
    /** {@code MAX_STRING_BYTE_LENGTH}. */
    static final long MAX_STRING_BYTE_LENGTH = (1L << 28) - 1;

    private Strings() {}

    // ------------------------------------------------------------------ lifting

    static String load(LiftLowerContext cx, int ptr, int taggedCodeUnits) {
        long units = Integer.toUnsignedLong(taggedCodeUnits);
        long byteLength;
        int alignment;
        int kind; // 0 utf8, 1 utf16, 2 latin1
        switch (cx.encoding()) {
            case UTF8 -> {
                alignment = 1;
                byteLength = units;
                kind = 0;
            }
            case UTF16 -> {
                alignment = 2;
                byteLength = 2 * units;
                kind = 1;
            }
            default -> {
                alignment = 2;
                if ((taggedCodeUnits & StringEncoding.UTF16_TAG) != 0) {
                    byteLength = 2 * (units ^ Integer.toUnsignedLong(StringEncoding.UTF16_TAG));
                    kind = 1;
                } else {
                    byteLength = units;
                    kind = 2;
                }
            }
        }
        if (byteLength > MAX_STRING_BYTE_LENGTH) {
            throw AbiTraps.invalid("string at " + AbiTraps.hex(ptr) + " too long: " + byteLength + " bytes");
        }
        if ((ptr & (alignment - 1)) != 0) {
            throw AbiTraps.invalid("misaligned string pointer " + AbiTraps.hex(ptr) + " (alignment " + alignment + ")");
        }
        CoreMemory memory = cx.memory();
        if (Integer.toUnsignedLong(ptr) + byteLength > memory.sizeBytes()) {
            throw AbiTraps.outOfBounds("string out of bounds: " + AbiTraps.hex(ptr) + " + " + byteLength
                    + " bytes, memory size " + memory.sizeBytes());
        }
        if (byteLength == 0) {
            return "";
        }
        byte[] bytes = memory.readBytes(ptr, (int) byteLength);
        return switch (kind) {
            case 0 -> decodeUtf8(bytes, ptr);
            case 1 -> decodeUtf16(bytes, ptr);
            default -> new String(bytes, StandardCharsets.ISO_8859_1);
        };
    }

    /** Strict UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF). */
    static String decodeUtf8(byte[] b, int ptr) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                if (c == 0xE0) {
                    lo = 0xA0;
                } else if (c == 0xED) {
                    hi = 0x9F;
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                if (c == 0xF0) {
                    lo = 0x90;
                } else if (c == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                throw badUtf8(ptr, i);
            }
            if (i + need >= n) {
                throw badUtf8(ptr, i);
            }
            int c1 = b[i + 1] & 0xFF;
            if (c1 < lo || c1 > hi) {
                throw badUtf8(ptr, i);
            }
            for (int k = 2; k <= need; k++) {
                int ck = b[i + k] & 0xFF;
                if (ck < 0x80 || ck > 0xBF) {
                    throw badUtf8(ptr, i);
                }
            }
            i += need + 1;
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static RuntimeException badUtf8(int ptr, int offset) {
        return AbiTraps.invalid("invalid utf-8 in string at " + AbiTraps.hex(Integer.toUnsignedLong(ptr) + offset));
    }

    /** Strict UTF-16LE: every surrogate must be part of a pair. */
    static String decodeUtf16(byte[] b, int ptr) {
        int n = b.length / 2;
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            chars[i] = (char) ((b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8);
        }
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
                    i++;
                    continue;
                }
                throw badUtf16(ptr, i);
            }
            if (Character.isLowSurrogate(c)) {
                throw badUtf16(ptr, i);
            }
        }
        return new String(chars);
    }

    private static RuntimeException badUtf16(int ptr, int unit) {
        return AbiTraps.invalid("invalid utf-16 (unpaired surrogate) in string at "
                + AbiTraps.hex(Integer.toUnsignedLong(ptr) + 2L * unit));
    }

    // ------------------------------------------------------------------ lowering

    /**
     * Stores {@code s} in the guest's encoding into memory allocated with realloc; returns the
     * pointer in the high and the tagged code-unit count in the low 32 bits.
     */
    static long store(LiftLowerContext cx, String s) {
        checkScalarValues(s);
        byte[] bytes;
        int alignment;
        int tagged;
        switch (cx.encoding()) {
            case UTF8 -> {
                bytes = s.getBytes(StandardCharsets.UTF_8);
                alignment = 1;
                tagged = bytes.length;
            }
            case UTF16 -> {
                bytes = s.getBytes(StandardCharsets.UTF_16LE);
                alignment = 2;
                tagged = s.length();
            }
            default -> {
                alignment = 2;
                if (isLatin1(s)) {
                    bytes = s.getBytes(StandardCharsets.ISO_8859_1);
                    tagged = bytes.length;
                } else {
                    bytes = s.getBytes(StandardCharsets.UTF_16LE);
                    tagged = s.length() | StringEncoding.UTF16_TAG;
                }
            }
        }
        if (bytes.length > MAX_STRING_BYTE_LENGTH) {
            throw AbiTraps.host("string too long for the Canonical ABI: " + bytes.length + " bytes");
        }
        int ptr = cx.allocate(alignment, bytes.length);
        if (bytes.length > 0) {
            cx.memory().writeBytes(ptr, bytes);
        }
        return ((long) ptr << 32) | Integer.toUnsignedLong(tagged);
    }

    private static boolean isLatin1(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** A Java string may hold unpaired surrogates; a component-model string may not. */
    private static void checkScalarValues(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw AbiTraps.host("string holds an unpaired surrogate at index " + i);
                }
            }
        }
    }
}
