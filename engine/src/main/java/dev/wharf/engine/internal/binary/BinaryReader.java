package dev.wharf.engine.internal.binary;

import dev.wharf.engine.MalformedComponentException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Cursor over a window {@code [pos, end)} of a byte array. Every read is bounds-checked and every
 * failure is a {@link MalformedComponentException} carrying the absolute offset. Never allocates more
 * than the bytes actually present.
 */
public final class BinaryReader {
    private final byte[] bytes;
    private int pos;
    private final int end;

    public BinaryReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public BinaryReader(byte[] bytes, int start, int end) {
        if (start < 0 || end > bytes.length || start > end) {
            throw new IllegalArgumentException("bad window " + start + ".." + end);
        }
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int offset() {
        return pos;
    }

    public int end() {
        return end;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    public MalformedComponentException error(String message) {
        return new MalformedComponentException(message, pos);
    }

    public MalformedComponentException error(String message, int at) {
        return new MalformedComponentException(message, at);
    }

    public int readByte(String what) {
        if (pos >= end) {
            throw error("unexpected end of input: expected " + what);
        }
        return bytes[pos++] & 0xff;
    }

    public int peekByte(String what) {
        if (pos >= end) {
            throw error("unexpected end of input: expected " + what);
        }
        return bytes[pos] & 0xff;
    }

    /** Reads an unsigned LEB128 u32; overlong (more than 5 bytes) or over-range encodings are malformed. */
    public long readU32(String what) {
        int start = pos;
        long result = 0;
        for (int i = 0; i < 5; i++) {
            if (pos >= end) {
                throw error("unexpected end of input in LEB128 " + what, start);
            }
            int b = bytes[pos++] & 0xff;
            if (i == 4 && (b & 0xf0) != 0) {
                throw error("integer too large or overlong LEB128 for u32 " + what, start);
            }
            result |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw error("integer representation too long for u32 " + what, start);
    }

    /** Reads a u32 and requires it to fit a Java int (indices and lengths: anything larger cannot be valid). */
    public int readIndex(String what) {
        int start = pos;
        long v = readU32(what);
        if (v > Integer.MAX_VALUE) {
            throw error(what + " " + v + " is out of range", start);
        }
        return (int) v;
    }

    /** Reads a signed LEB128 of at most {@code bits} bits (core s33/s32/s64 rules). */
    public long readSigned(int bits, String what) {
        int start = pos;
        long result = 0;
        int shift = 0;
        int maxBytes = (bits + 6) / 7;
        for (int i = 0; i < maxBytes; i++) {
            if (pos >= end) {
                throw error("unexpected end of input in LEB128 " + what, start);
            }
            int b = bytes[pos++] & 0xff;
            if (i == maxBytes - 1) {
                int usedBits = bits - 7 * i; // meaningful bits in the last byte, including sign
                if ((b & 0x80) != 0) {
                    throw error("integer representation too long for s" + bits + " " + what, start);
                }
                if (usedBits < 7) {
                    int signBit = (b >> (usedBits - 1)) & 1;
                    int rest = b >> usedBits; // must be all sign bits
                    int expected = signBit == 1 ? (0x7f >> usedBits) : 0;
                    if (rest != expected) {
                        throw error("integer too large for s" + bits + " " + what, start);
                    }
                }
            }
            result |= (long) (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result;
            }
        }
        throw error("integer representation too long for s" + bits + " " + what, start);
    }

    /** Reads a count prefix and checks it against the bytes left, assuming each element needs at least {@code minElementSize} bytes. */
    public int readCount(String what, int minElementSize) {
        int start = pos;
        long n = readU32("count of " + what);
        long needed = n * Math.max(1, minElementSize);
        if (needed > remaining()) {
            throw error("count " + n + " of " + what + " at offset " + start + " exceeds the " + remaining() + " bytes left", start);
        }
        return (int) n;
    }

    /** Reads a length prefix and checks that that many bytes are left. */
    public int readLength(String what) {
        int start = pos;
        long n = readU32("length of " + what);
        if (n > remaining()) {
            throw error("length " + n + " of " + what + " at offset " + start + " exceeds the " + remaining() + " bytes left", start);
        }
        return (int) n;
    }

    /** Skips {@code n} bytes (already checked by the caller or checked here). */
    public void skip(int n, String what) {
        if (n < 0 || n > remaining()) {
            throw error("length " + n + " of " + what + " exceeds the " + remaining() + " bytes left");
        }
        pos += n;
    }

    public byte[] readBytes(int n, String what) {
        if (n < 0 || n > remaining()) {
            throw error("length " + n + " of " + what + " exceeds the " + remaining() + " bytes left");
        }
        byte[] out = new byte[n];
        System.arraycopy(bytes, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** Reads a core:name: u32 length followed by that many bytes of valid UTF-8. */
    public String readName(String what) {
        int len = readLength(what);
        int start = pos;
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, pos, len))
                    .toString();
            pos += len;
            return s;
        } catch (CharacterCodingException e) {
            throw error(what + " is not valid UTF-8", start);
        }
    }

    /** A sub-reader over the next {@code n} bytes; this reader skips past them. */
    public BinaryReader slice(int n, String what) {
        if (n < 0 || n > remaining()) {
            throw error("length " + n + " of " + what + " exceeds the " + remaining() + " bytes left");
        }
        BinaryReader sub = new BinaryReader(bytes, pos, pos + n);
        pos += n;
        return sub;
    }

    public void expectEnd(String what) {
        if (pos != end) {
            throw error(what + " has " + remaining() + " unexpected trailing bytes");
        }
    }
}
