package dev.wharf.engine.values;

import dev.wharf.engine.types.ResourceType;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A component-level value: what a host plugin receives from and hands to a guest. One record per
 * value kind; build them with the small static factories ({@link #u32(long)}, {@link #string},
 * {@link #list}, {@link #record}, {@link #some}, {@link #ok}, ...). {@link #toString()} prints a
 * WIT-like literal.
 *
 * <p>Integers: {@code s8}/{@code s16}/{@code s32}/{@code s64} are carried in the Java type of the
 * same width. {@code u8} and {@code u16} are carried in an {@code int} holding the exact value
 * (0..255, 0..65535). {@code u32} and {@code u64} are carried in an {@code int}/{@code long}
 * holding the <em>bit pattern</em> (unsigned semantics: {@code U32(-1)} is 4294967295); use
 * {@link U32#asLong()} or {@link Long#toUnsignedString} to read them as numbers. The factories
 * {@link #u32(long)} and {@link #u64(long)} take the bit pattern too; {@link #u32(long)} rejects
 * values outside 0..2^32-1.
 *
 * <p>A {@code list<u8>} is lifted as {@link Bytes} (one {@code byte[]}, no boxing); lowering
 * accepts either {@link Bytes} or a {@link ListValue} of {@link U8}.
 *
 * <p>Handles: {@link Own} and {@link Borrow} carry the resource type (compared by identity) and the
 * resource's representation ({@code rep}), which is what the Canonical ABI passes between
 * instances; a handle-table index is never a value.
 */
public sealed interface WitValue {

    // ---------------------------------------------------------------- primitives

    record Bool(boolean value) implements WitValue {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    record S8(byte value) implements WitValue {
        @Override
        public String toString() {
            return Byte.toString(value);
        }
    }

    /** {@code u8}: {@code value} is 0..255. */
    record U8(int value) implements WitValue {
        public U8 {
            if (value < 0 || value > 0xFF) {
                throw new IllegalArgumentException("u8 out of range: " + value);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    record S16(short value) implements WitValue {
        @Override
        public String toString() {
            return Short.toString(value);
        }
    }

    /** {@code u16}: {@code value} is 0..65535. */
    record U16(int value) implements WitValue {
        public U16 {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("u16 out of range: " + value);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    record S32(int value) implements WitValue {
        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    /** {@code u32}: {@code bits} is the 32-bit pattern, read unsigned. */
    record U32(int bits) implements WitValue {
        /** The value as a non-negative long. */
        public long asLong() {
            return Integer.toUnsignedLong(bits);
        }

        @Override
        public String toString() {
            return Integer.toUnsignedString(bits);
        }
    }

    record S64(long value) implements WitValue {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** {@code u64}: {@code bits} is the 64-bit pattern, read unsigned. */
    record U64(long bits) implements WitValue {
        @Override
        public String toString() {
            return Long.toUnsignedString(bits);
        }
    }

    record F32(float value) implements WitValue {
        /** Compares bit patterns, so NaN equals NaN and -0.0 differs from 0.0. */
        @Override
        public boolean equals(Object o) {
            return o instanceof F32 f && Float.floatToRawIntBits(f.value) == Float.floatToRawIntBits(value);
        }

        @Override
        public int hashCode() {
            return Float.floatToRawIntBits(value);
        }

        @Override
        public String toString() {
            return Float.toString(value);
        }
    }

    record F64(double value) implements WitValue {
        /** Compares bit patterns, so NaN equals NaN and -0.0 differs from 0.0. */
        @Override
        public boolean equals(Object o) {
            return o instanceof F64 f && Double.doubleToRawLongBits(f.value) == Double.doubleToRawLongBits(value);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(Double.doubleToRawLongBits(value));
        }

        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    /** {@code char}: a Unicode scalar value (not a surrogate, at most 0x10FFFF). */
    record Char(int codePoint) implements WitValue {
        public Char {
            if (codePoint < 0 || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                throw new IllegalArgumentException("not a Unicode scalar value: 0x" + Integer.toHexString(codePoint));
            }
        }

        @Override
        public String toString() {
            return "'" + new String(Character.toChars(codePoint)) + "'";
        }
    }

    /** {@code string}. Lowering traps if the Java string holds an unpaired surrogate. */
    record Str(String value) implements WitValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }

    // ---------------------------------------------------------------- compound values

    /** {@code list<T>} for any {@code T}. */
    record ListValue(java.util.List<WitValue> elements) implements WitValue {
        public ListValue {
            elements = java.util.List.copyOf(elements);
        }

        @Override
        public String toString() {
            return elements.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /**
     * {@code list<u8>} as one byte array. {@link #copyOf} copies, {@link #wrap} does not (the fast
     * path for stream bodies: the caller promises not to touch the array afterwards).
     */
    final class Bytes implements WitValue {
        private final byte[] bytes;

        private Bytes(byte[] bytes) {
            this.bytes = Objects.requireNonNull(bytes, "bytes");
        }

        public static Bytes copyOf(byte[] bytes) {
            return new Bytes(bytes.clone());
        }

        /** Wraps {@code bytes} without copying; nobody may modify the array afterwards. */
        public static Bytes wrap(byte[] bytes) {
            return new Bytes(bytes);
        }

        public int length() {
            return bytes.length;
        }

        /** A copy of the bytes. */
        public byte[] toByteArray() {
            return bytes.clone();
        }

        /** The array itself, without copying; the caller must not modify it. */
        public byte[] array() {
            return bytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(b.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            if (bytes.length <= 32) {
                return "bytes[" + HexFormat.ofDelimiter(" ").formatHex(bytes) + "]";
            }
            return "bytes[" + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, 32) + " ... (" + bytes.length + " bytes)]";
        }
    }

    /** {@code record { ... }}: the field values in declaration order. */
    record RecordValue(java.util.List<WitValue> fields) implements WitValue {
        public RecordValue {
            fields = java.util.List.copyOf(fields);
        }

        public WitValue field(int index) {
            return fields.get(index);
        }

        @Override
        public String toString() {
            return fields.stream().map(Object::toString).collect(Collectors.joining(", ", "{", "}"));
        }
    }

    /** {@code tuple<...>}. */
    record TupleValue(java.util.List<WitValue> elements) implements WitValue {
        public TupleValue {
            elements = java.util.List.copyOf(elements);
        }

        @Override
        public String toString() {
            return elements.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** {@code variant}: the case index (declaration order) and its payload, if the case has one. */
    record VariantValue(int caseIndex, Optional<WitValue> payload) implements WitValue {
        public VariantValue {
            if (caseIndex < 0) {
                throw new IllegalArgumentException("negative case index");
            }
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public String toString() {
            return "case#" + caseIndex + payload.map(p -> "(" + p + ")").orElse("");
        }
    }

    /** {@code enum}: the case index. */
    record EnumValue(int caseIndex) implements WitValue {
        public EnumValue {
            if (caseIndex < 0) {
                throw new IllegalArgumentException("negative case index");
            }
        }

        @Override
        public String toString() {
            return "enum#" + caseIndex;
        }
    }

    /** {@code option<T>}. */
    record OptionValue(Optional<WitValue> value) implements WitValue {
        public OptionValue {
            Objects.requireNonNull(value, "value");
        }

        public boolean isSome() {
            return value.isPresent();
        }

        @Override
        public String toString() {
            return value.map(v -> "some(" + v + ")").orElse("none");
        }
    }

    /** {@code result<T, E>}: {@code ok} tells the case; {@code payload} is empty for a {@code _} side. */
    record ResultValue(boolean ok, Optional<WitValue> payload) implements WitValue {
        public ResultValue {
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public String toString() {
            return (ok ? "ok" : "err") + payload.map(p -> "(" + p + ")").orElse("");
        }
    }

    /** {@code flags}: the set flags, by index in declaration order. Immutable. */
    record FlagsValue(BitSet set) implements WitValue {
        public FlagsValue {
            set = (BitSet) set.clone();
        }

        /** A copy of the set. */
        @Override
        public BitSet set() {
            return (BitSet) set.clone();
        }

        public boolean isSet(int index) {
            return set.get(index);
        }

        /** The set indices, ascending. */
        public int[] indices() {
            return set.stream().toArray();
        }

        @Override
        public String toString() {
            return set.toString();
        }
    }

    /** {@code own<R>}: an owned resource, identified by its representation. */
    record Own(ResourceType resource, int rep) implements WitValue {
        public Own {
            Objects.requireNonNull(resource, "resource");
        }

        @Override
        public String toString() {
            return "own<" + resource.name() + ">(rep " + Integer.toUnsignedString(rep) + ")";
        }
    }

    /** {@code borrow<R>}: a borrowed resource, identified by its representation. */
    record Borrow(ResourceType resource, int rep) implements WitValue {
        public Borrow {
            Objects.requireNonNull(resource, "resource");
        }

        @Override
        public String toString() {
            return "borrow<" + resource.name() + ">(rep " + Integer.toUnsignedString(rep) + ")";
        }
    }

    // ---------------------------------------------------------------- factories

    static Bool bool(boolean v) {
        return v ? WitConstants.TRUE : WitConstants.FALSE;
    }

    static S8 s8(int v) {
        if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("s8 out of range: " + v);
        }
        return new S8((byte) v);
    }

    static U8 u8(int v) {
        return new U8(v);
    }

    static S16 s16(int v) {
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw new IllegalArgumentException("s16 out of range: " + v);
        }
        return new S16((short) v);
    }

    static U16 u16(int v) {
        return new U16(v);
    }

    static S32 s32(int v) {
        return new S32(v);
    }

    /** {@code u32} from a value in 0..4294967295. */
    static U32 u32(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("u32 out of range: " + v);
        }
        return new U32((int) v);
    }

    static S64 s64(long v) {
        return new S64(v);
    }

    /** {@code u64} from its 64-bit pattern ({@code -1} is 2^64-1). */
    static U64 u64(long bits) {
        return new U64(bits);
    }

    static F32 f32(float v) {
        return new F32(v);
    }

    static F64 f64(double v) {
        return new F64(v);
    }

    static Char character(int codePoint) {
        return new Char(codePoint);
    }

    static Str string(String s) {
        return new Str(s);
    }

    static ListValue list(java.util.List<? extends WitValue> elements) {
        return new ListValue(java.util.List.copyOf(elements));
    }

    static ListValue list(WitValue... elements) {
        return new ListValue(java.util.List.of(elements));
    }

    /** {@code list<u8>}; copies the array. */
    static Bytes bytes(byte[] bytes) {
        return Bytes.copyOf(bytes);
    }

    static RecordValue record(WitValue... fields) {
        return new RecordValue(java.util.List.of(fields));
    }

    static RecordValue record(java.util.List<? extends WitValue> fields) {
        return new RecordValue(java.util.List.copyOf(fields));
    }

    static TupleValue tuple(WitValue... elements) {
        return new TupleValue(java.util.List.of(elements));
    }

    static VariantValue variant(int caseIndex) {
        return new VariantValue(caseIndex, Optional.empty());
    }

    static VariantValue variant(int caseIndex, WitValue payload) {
        return new VariantValue(caseIndex, Optional.of(payload));
    }

    static EnumValue enumCase(int caseIndex) {
        return new EnumValue(caseIndex);
    }

    static OptionValue none() {
        return WitConstants.NONE;
    }

    static OptionValue some(WitValue value) {
        return new OptionValue(Optional.of(value));
    }

    static ResultValue ok() {
        return WitConstants.OK;
    }

    static ResultValue ok(WitValue payload) {
        return new ResultValue(true, Optional.of(payload));
    }

    static ResultValue err() {
        return WitConstants.ERR;
    }

    static ResultValue err(WitValue payload) {
        return new ResultValue(false, Optional.of(payload));
    }

    static FlagsValue flags(int... setIndices) {
        BitSet set = new BitSet();
        for (int i : setIndices) {
            set.set(i);
        }
        return new FlagsValue(set);
    }

    static FlagsValue flags(BitSet set) {
        return new FlagsValue(set);
    }

    static Own own(ResourceType resource, int rep) {
        return new Own(resource, rep);
    }

    static Borrow borrow(ResourceType resource, int rep) {
        return new Borrow(resource, rep);
    }
}

/** Shared instances of the value-less cases. */
final class WitConstants {
    static final WitValue.Bool TRUE = new WitValue.Bool(true);
    static final WitValue.Bool FALSE = new WitValue.Bool(false);
    static final WitValue.OptionValue NONE = new WitValue.OptionValue(Optional.empty());
    static final WitValue.ResultValue OK = new WitValue.ResultValue(true, Optional.empty());
    static final WitValue.ResultValue ERR = new WitValue.ResultValue(false, Optional.empty());

    private WitConstants() {}
}
