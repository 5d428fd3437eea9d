package dev.wharf.engine.internal.abi;

import dev.wharf.engine.core.CoreMemory;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Lifting and lowering of single values (CanonicalABI.md {@code lift_flat}, {@code load},
 * {@code lower_flat}, {@code store}) between {@link WitValue}s and a guest's flat core values or
 * linear memory, driven by a precomputed {@link Layout}.
 *
 * <p>Flat core values are {@code long} raw bits, as {@link dev.wharf.engine.core.CoreFunction}
 * passes them: i32 in the low 32 bits (written zero-extended, read by truncation), f32/f64 as
 * their IEEE bits. With that representation the variant {@code join} coercions are all bit-level
 * no-ops, so a variant's payload is lifted and lowered with its own layout and the remaining
 * joined slots are skipped (lift) or zero-filled (lower).
 *
 * <p>NaN: lifting canonicalizes every NaN to {@code 0x7fc00000}/{@code 0x7ff8000000000000} (the
 * spec's {@code canonicalize_nan}); lowering also writes the canonical NaN, which the spec allows
 * (its "deterministic profile" choice of the nondeterministic {@code maybe_scramble_nan}).
 *
 * <p>Every failure caused by the guest's data is a {@link dev.wharf.engine.Trap}; a host value
 * that does not fit the type is a trap with reason {@code HOST_ERROR}.
 */
public final class CanonicalAbi {
    /** {@code MAX_LIST_BYTE_LENGTH}. */
    public static final long MAX_LIST_BYTE_LENGTH = (1L << 28) - 1;

    static final int CANONICAL_NAN32 = 0x7fc00000;
    static final long CANONICAL_NAN64 = 0x7ff8000000000000L;
    private static final long MASK32 = 0xFFFF_FFFFL;

    private CanonicalAbi() {}

    /** A read position in a {@code long[]} of flat core values. */
    public static final class FlatReader {
        private final long[] values;
        private int pos;

        public FlatReader(long[] values, int start) {
            this.values = values;
            this.pos = start;
        }

        long next() {
            return values[pos++];
        }

        public int position() {
            return pos;
        }
    }

    /** A write position in a {@code long[]} of flat core values. */
    public static final class FlatWriter {
        private final long[] values;
        private int pos;

        public FlatWriter(long[] values, int start) {
            this.values = values;
            this.pos = start;
        }

        void put(long v) {
            values[pos++] = v;
        }

        void put32(int v) {
            values[pos++] = v & MASK32;
        }

        public int position() {
            return pos;
        }

        public long[] values() {
            return values;
        }
    }

    // ================================================================== convenience entry points

    /** Lifts one value of {@code layout} from exactly {@code layout.flatCount()} flat values. */
    public static WitValue liftFlat(LiftLowerContext cx, Layout layout, long[] flat) {
        if (flat.length != layout.flatCount()) {
            throw new IllegalArgumentException("expected " + layout.flatCount() + " flat values for " + layout.type() + ", got " + flat.length);
        }
        return liftFlat(cx, layout, new FlatReader(flat, 0));
    }

    /** Lowers one value to {@code layout.flatCount()} flat values. */
    public static long[] lowerFlat(LiftLowerContext cx, Layout layout, WitValue value) {
        long[] out = new long[layout.flatCount()];
        lowerFlat(cx, layout, value, new FlatWriter(out, 0));
        return out;
    }

    /**
     * Loads a value stored at {@code ptr}, first checking (trapping otherwise) that {@code ptr} is
     * aligned and the whole value lies inside the memory.
     */
    public static WitValue loadChecked(LiftLowerContext cx, Layout layout, int ptr) {
        checkRange(cx, layout, ptr, "value");
        return load(cx, layout, ptr);
    }

    /** Stores a value at {@code ptr} after the same checks as {@link #loadChecked}. */
    public static void storeChecked(LiftLowerContext cx, Layout layout, WitValue value, int ptr) {
        checkRange(cx, layout, ptr, "value");
        store(cx, layout, value, ptr);
    }

    static void checkRange(LiftLowerContext cx, Layout layout, int ptr, String what) {
        if ((ptr & (layout.alignment() - 1)) != 0) {
            throw AbiTraps.invalid("misaligned " + what + " pointer " + AbiTraps.hex(ptr) + " for " + layout.type()
                    + " (alignment " + layout.alignment() + ")");
        }
        long size = cx.memory().sizeBytes();
        if (Integer.toUnsignedLong(ptr) + layout.size() > size) {
            throw AbiTraps.outOfBounds(what + " out of bounds: " + AbiTraps.hex(ptr) + " + " + layout.size()
                    + " bytes, memory size " + size);
        }
    }

    // ================================================================== lift_flat

    public static WitValue liftFlat(LiftLowerContext cx, Layout l, FlatReader in) {
        return switch (l.kind()) {
            case BOOL -> WitValue.bool((int) in.next() != 0);
            case S8 -> new WitValue.S8((byte) in.next());
            case U8 -> new WitValue.U8((int) in.next() & 0xFF);
            case S16 -> new WitValue.S16((short) in.next());
            case U16 -> new WitValue.U16((int) in.next() & 0xFFFF);
            case S32 -> new WitValue.S32((int) in.next());
            case U32 -> new WitValue.U32((int) in.next());
            case S64 -> new WitValue.S64(in.next());
            case U64 -> new WitValue.U64(in.next());
            case F32 -> new WitValue.F32(decodeF32((int) in.next()));
            case F64 -> new WitValue.F64(decodeF64(in.next()));
            case CHAR -> new WitValue.Char(checkChar((int) in.next()));
            case STRING -> {
                int ptr = (int) in.next();
                int len = (int) in.next();
                yield new WitValue.Str(Strings.load(cx, ptr, len));
            }
            case LIST -> {
                int ptr = (int) in.next();
                int len = (int) in.next();
                yield loadList(cx, l.element(), ptr, len);
            }
            case RECORD -> {
                WitValue[] fields = new WitValue[l.partCount()];
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = liftFlat(cx, l.part(i), in);
                }
                yield makeRecord(l, fields);
            }
            case VARIANT -> {
                int start = in.position();
                int caseIndex = (int) in.next();
                checkCase(l, caseIndex);
                Layout payloadLayout = l.part(caseIndex);
                WitValue payload = payloadLayout == null ? null : liftFlat(cx, payloadLayout, in);
                in.pos = start + l.flatCount();
                yield makeVariant(l, caseIndex, payload);
            }
            case FLAGS -> {
                BitSet set = new BitSet(l.flagCount());
                for (int w = 0; w < l.flagWords(); w++) {
                    setBits(set, w, (int) in.next(), l.flagCount());
                }
                yield new WitValue.FlagsValue(set);
            }
            case OWN -> liftOwn(cx, l.resource(), (int) in.next());
            case BORROW -> liftBorrow(cx, l.resource(), (int) in.next());
        };
    }

    // ================================================================== load

    public static WitValue load(LiftLowerContext cx, Layout l, int ptr) {
        CoreMemory m = cx.memory();
        return switch (l.kind()) {
            case BOOL -> WitValue.bool(m.readByte(ptr) != 0);
            case S8 -> new WitValue.S8(m.readByte(ptr));
            case U8 -> new WitValue.U8(m.readByte(ptr) & 0xFF);
            case S16 -> new WitValue.S16(m.readShort(ptr));
            case U16 -> new WitValue.U16(m.readShort(ptr) & 0xFFFF);
            case S32 -> new WitValue.S32(m.readInt(ptr));
            case U32 -> new WitValue.U32(m.readInt(ptr));
            case S64 -> new WitValue.S64(m.readLong(ptr));
            case U64 -> new WitValue.U64(m.readLong(ptr));
            case F32 -> new WitValue.F32(decodeF32(m.readInt(ptr)));
            case F64 -> new WitValue.F64(decodeF64(m.readLong(ptr)));
            case CHAR -> new WitValue.Char(checkChar(m.readInt(ptr)));
            case STRING -> new WitValue.Str(Strings.load(cx, m.readInt(ptr), m.readInt(ptr + 4)));
            case LIST -> loadList(cx, l.element(), m.readInt(ptr), m.readInt(ptr + 4));
            case RECORD -> {
                WitValue[] fields = new WitValue[l.partCount()];
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = load(cx, l.part(i), ptr + l.fieldOffset(i));
                }
                yield makeRecord(l, fields);
            }
            case VARIANT -> {
                int caseIndex = switch (l.discriminantSize()) {
                    case 1 -> m.readByte(ptr) & 0xFF;
                    case 2 -> m.readShort(ptr) & 0xFFFF;
                    default -> m.readInt(ptr);
                };
                checkCase(l, caseIndex);
                Layout payloadLayout = l.part(caseIndex);
                WitValue payload = payloadLayout == null ? null : load(cx, payloadLayout, ptr + l.payloadOffset());
                yield makeVariant(l, caseIndex, payload);
            }
            case FLAGS -> {
                BitSet set = new BitSet(l.flagCount());
                switch (l.size()) {
                    case 1 -> setBits(set, 0, m.readByte(ptr) & 0xFF, l.flagCount());
                    case 2 -> setBits(set, 0, m.readShort(ptr) & 0xFFFF, l.flagCount());
                    default -> {
                        for (int w = 0; w < l.flagWords(); w++) {
                            setBits(set, w, m.readInt(ptr + 4 * w), l.flagCount());
                        }
                    }
                }
                yield new WitValue.FlagsValue(set);
            }
            case OWN -> liftOwn(cx, l.resource(), m.readInt(ptr));
            case BORROW -> liftBorrow(cx, l.resource(), m.readInt(ptr));
        };
    }

    /** {@code load_list_from_range}. */
    static WitValue loadList(LiftLowerContext cx, Layout elem, int ptr, int length) {
        long len = Integer.toUnsignedLong(length);
        long byteLength = len * elem.size();
        if (byteLength > MAX_LIST_BYTE_LENGTH) {
            throw AbiTraps.invalid("list at " + AbiTraps.hex(ptr) + " too long: " + len + " elements of "
                    + elem.size() + " bytes");
        }
        if ((ptr & (elem.alignment() - 1)) != 0) {
            throw AbiTraps.invalid("misaligned list pointer " + AbiTraps.hex(ptr) + " for list<" + elem.type()
                    + "> (alignment " + elem.alignment() + ")");
        }
        CoreMemory m = cx.memory();
        if (Integer.toUnsignedLong(ptr) + byteLength > m.sizeBytes()) {
            throw AbiTraps.outOfBounds("list out of bounds: " + AbiTraps.hex(ptr) + " + " + byteLength
                    + " bytes, memory size " + m.sizeBytes());
        }
        if (elem.kind() == Layout.Kind.U8) {
            return WitValue.Bytes.wrap(len == 0 ? new byte[0] : m.readBytes(ptr, (int) len));
        }
        List<WitValue> out = new ArrayList<>((int) Math.min(len, 1024));
        for (int i = 0; i < len; i++) {
            out.add(load(cx, elem, ptr + i * elem.size()));
        }
        return new WitValue.ListValue(out);
    }

    // ================================================================== lower_flat

    public static void lowerFlat(LiftLowerContext cx, Layout l, WitValue v, FlatWriter out) {
        switch (l.kind()) {
            case BOOL -> out.put32(as(v, WitValue.Bool.class, l).value() ? 1 : 0);
            case S8 -> out.put32(as(v, WitValue.S8.class, l).value());
            case U8 -> out.put32(as(v, WitValue.U8.class, l).value());
            case S16 -> out.put32(as(v, WitValue.S16.class, l).value());
            case U16 -> out.put32(as(v, WitValue.U16.class, l).value());
            case S32 -> out.put32(as(v, WitValue.S32.class, l).value());
            case U32 -> out.put32(as(v, WitValue.U32.class, l).bits());
            case S64 -> out.put(as(v, WitValue.S64.class, l).value());
            case U64 -> out.put(as(v, WitValue.U64.class, l).bits());
            case F32 -> out.put32(encodeF32(as(v, WitValue.F32.class, l).value()));
            case F64 -> out.put(encodeF64(as(v, WitValue.F64.class, l).value()));
            case CHAR -> out.put32(as(v, WitValue.Char.class, l).codePoint());
            case STRING -> {
                long ptrLen = Strings.store(cx, as(v, WitValue.Str.class, l).value());
                out.put32((int) (ptrLen >>> 32));
                out.put32((int) ptrLen);
            }
            case LIST -> {
                long ptrLen = storeList(cx, l, v);
                out.put32((int) (ptrLen >>> 32));
                out.put32((int) ptrLen);
            }
            case RECORD -> {
                List<WitValue> fields = recordFields(l, v);
                for (int i = 0; i < fields.size(); i++) {
                    lowerFlat(cx, l.part(i), fields.get(i), out);
                }
            }
            case VARIANT -> {
                int start = out.position();
                int caseIndex = variantCase(l, v);
                out.put32(caseIndex);
                Layout payloadLayout = l.part(caseIndex);
                if (payloadLayout != null) {
                    lowerFlat(cx, payloadLayout, variantPayload(v), out);
                }
                while (out.pos < start + l.flatCount()) {
                    out.put(0L);
                }
            }
            case FLAGS -> {
                int[] words = flagWords(l, v);
                for (int w : words) {
                    out.put32(w);
                }
            }
            case OWN -> out.put32(lowerOwn(cx, l, v));
            case BORROW -> out.put32(lowerBorrow(cx, l, v));
        }
    }

    // ================================================================== store

    public static void store(LiftLowerContext cx, Layout l, WitValue v, int ptr) {
        CoreMemory m = cx.memory();
        switch (l.kind()) {
            case BOOL -> m.writeByte(ptr, (byte) (as(v, WitValue.Bool.class, l).value() ? 1 : 0));
            case S8 -> m.writeByte(ptr, as(v, WitValue.S8.class, l).value());
            case U8 -> m.writeByte(ptr, (byte) as(v, WitValue.U8.class, l).value());
            case S16 -> m.writeShort(ptr, as(v, WitValue.S16.class, l).value());
            case U16 -> m.writeShort(ptr, (short) as(v, WitValue.U16.class, l).value());
            case S32 -> m.writeInt(ptr, as(v, WitValue.S32.class, l).value());
            case U32 -> m.writeInt(ptr, as(v, WitValue.U32.class, l).bits());
            case S64 -> m.writeLong(ptr, as(v, WitValue.S64.class, l).value());
            case U64 -> m.writeLong(ptr, as(v, WitValue.U64.class, l).bits());
            case F32 -> m.writeInt(ptr, encodeF32(as(v, WitValue.F32.class, l).value()));
            case F64 -> m.writeLong(ptr, encodeF64(as(v, WitValue.F64.class, l).value()));
            case CHAR -> m.writeInt(ptr, as(v, WitValue.Char.class, l).codePoint());
            case STRING -> {
                long ptrLen = Strings.store(cx, as(v, WitValue.Str.class, l).value());
                m.writeInt(ptr, (int) (ptrLen >>> 32));
                m.writeInt(ptr + 4, (int) ptrLen);
            }
            case LIST -> {
                long ptrLen = storeList(cx, l, v);
                m.writeInt(ptr, (int) (ptrLen >>> 32));
                m.writeInt(ptr + 4, (int) ptrLen);
            }
            case RECORD -> {
                List<WitValue> fields = recordFields(l, v);
                for (int i = 0; i < fields.size(); i++) {
                    store(cx, l.part(i), fields.get(i), ptr + l.fieldOffset(i));
                }
            }
            case VARIANT -> {
                int caseIndex = variantCase(l, v);
                switch (l.discriminantSize()) {
                    case 1 -> m.writeByte(ptr, (byte) caseIndex);
                    case 2 -> m.writeShort(ptr, (short) caseIndex);
                    default -> m.writeInt(ptr, caseIndex);
                }
                Layout payloadLayout = l.part(caseIndex);
                if (payloadLayout != null) {
                    store(cx, payloadLayout, variantPayload(v), ptr + l.payloadOffset());
                }
            }
            case FLAGS -> {
                int[] words = flagWords(l, v);
                switch (l.size()) {
                    case 1 -> m.writeByte(ptr, (byte) words[0]);
                    case 2 -> m.writeShort(ptr, (short) words[0]);
                    default -> {
                        for (int w = 0; w < words.length; w++) {
                            m.writeInt(ptr + 4 * w, words[w]);
                        }
                    }
                }
            }
            case OWN -> m.writeInt(ptr, lowerOwn(cx, l, v));
            case BORROW -> m.writeInt(ptr, lowerBorrow(cx, l, v));
        }
    }

    /** {@code store_list_into_range}: returns pointer (high 32 bits) and length (low 32 bits). */
    static long storeList(LiftLowerContext cx, Layout l, WitValue v) {
        Layout elem = l.element();
        if (elem.kind() == Layout.Kind.U8 && v instanceof WitValue.Bytes b) {
            byte[] bytes = b.array();
            int ptr = cx.allocate(1, bytes.length);
            if (bytes.length > 0) {
                cx.memory().writeBytes(ptr, bytes);
            }
            return ((long) ptr << 32) | bytes.length;
        }
        List<WitValue> elements = as(v, WitValue.ListValue.class, l).elements();
        int n = elements.size();
        long byteLength = (long) n * elem.size();
        int ptr = cx.allocate(elem.alignment(), byteLength);
        if (elem.kind() == Layout.Kind.U8) {
            byte[] bytes = new byte[n];
            for (int i = 0; i < n; i++) {
                bytes[i] = (byte) as(elements.get(i), WitValue.U8.class, elem).value();
            }
            if (n > 0) {
                cx.memory().writeBytes(ptr, bytes);
            }
        } else {
            for (int i = 0; i < n; i++) {
                store(cx, elem, elements.get(i), ptr + i * elem.size());
            }
        }
        return ((long) ptr << 32) | Integer.toUnsignedLong(n);
    }

    // ================================================================== scalars

    /** {@code decode_i32_as_float}: canonicalizes NaN. */
    static float decodeF32(int bits) {
        float f = Float.intBitsToFloat(bits);
        return Float.isNaN(f) ? Float.intBitsToFloat(CANONICAL_NAN32) : f;
    }

    static double decodeF64(long bits) {
        double d = Double.longBitsToDouble(bits);
        return Double.isNaN(d) ? Double.longBitsToDouble(CANONICAL_NAN64) : d;
    }

    static int encodeF32(float f) {
        return Float.isNaN(f) ? CANONICAL_NAN32 : Float.floatToRawIntBits(f);
    }

    static long encodeF64(double d) {
        return Double.isNaN(d) ? CANONICAL_NAN64 : Double.doubleToRawLongBits(d);
    }

    /** {@code convert_i32_to_char}. */
    static int checkChar(int i) {
        if (Integer.compareUnsigned(i, 0x110000) >= 0 || (i >= 0xD800 && i <= 0xDFFF)) {
            throw AbiTraps.invalid("invalid char: 0x" + Integer.toHexString(i) + " is not a Unicode scalar value");
        }
        return i;
    }

    private static void setBits(BitSet set, int word, int bits, int flagCount) {
        int base = word * 32;
        for (int b = 0; b < 32 && base + b < flagCount; b++) {
            if ((bits & (1 << b)) != 0) {
                set.set(base + b);
            }
        }
    }

    private static int[] flagWords(Layout l, WitValue v) {
        BitSet set = as(v, WitValue.FlagsValue.class, l).set();
        if (set.length() > l.flagCount()) {
            throw AbiTraps.host("flag index " + (set.length() - 1) + " out of range for " + l.type());
        }
        int[] words = new int[l.flagWords()];
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            words[i >>> 5] |= 1 << (i & 31);
        }
        return words;
    }

    // ================================================================== compound helpers

    private static void checkCase(Layout l, int caseIndex) {
        if (Integer.compareUnsigned(caseIndex, l.partCount()) >= 0) {
            throw AbiTraps.invalid("variant discriminant " + Integer.toUnsignedString(caseIndex)
                    + " out of range for " + l.type() + " (" + l.partCount() + " cases)");
        }
    }

    private static WitValue makeRecord(Layout l, WitValue[] fields) {
        return l.form() == Layout.Form.TUPLE
                ? new WitValue.TupleValue(List.of(fields))
                : new WitValue.RecordValue(List.of(fields));
    }

    private static WitValue makeVariant(Layout l, int caseIndex, WitValue payload) {
        Optional<WitValue> p = Optional.ofNullable(payload);
        return switch (l.form()) {
            case ENUM -> new WitValue.EnumValue(caseIndex);
            case OPTION -> caseIndex == 0 ? WitValue.none() : WitValue.some(payload);
            case RESULT -> new WitValue.ResultValue(caseIndex == 0, p);
            default -> new WitValue.VariantValue(caseIndex, p);
        };
    }

    private static List<WitValue> recordFields(Layout l, WitValue v) {
        List<WitValue> fields;
        if (l.form() == Layout.Form.TUPLE) {
            fields = as(v, WitValue.TupleValue.class, l).elements();
        } else {
            fields = as(v, WitValue.RecordValue.class, l).fields();
        }
        if (fields.size() != l.partCount()) {
            throw AbiTraps.host("expected " + l.partCount() + " fields for " + l.type() + ", got " + fields.size());
        }
        return fields;
    }

    /** The case index of a host variant-like value, checked against the layout. */
    private static int variantCase(Layout l, WitValue v) {
        int index;
        boolean hasPayload;
        switch (l.form()) {
            case ENUM -> {
                index = as(v, WitValue.EnumValue.class, l).caseIndex();
                hasPayload = false;
            }
            case OPTION -> {
                index = as(v, WitValue.OptionValue.class, l).value().isPresent() ? 1 : 0;
                hasPayload = index == 1;
            }
            case RESULT -> {
                WitValue.ResultValue r = as(v, WitValue.ResultValue.class, l);
                index = r.ok() ? 0 : 1;
                hasPayload = r.payload().isPresent();
            }
            default -> {
                WitValue.VariantValue var = as(v, WitValue.VariantValue.class, l);
                index = var.caseIndex();
                hasPayload = var.payload().isPresent();
            }
        }
        if (index >= l.partCount()) {
            throw AbiTraps.host("case " + index + " out of range for " + l.type());
        }
        if (hasPayload != (l.part(index) != null)) {
            throw AbiTraps.host("case " + index + " of " + l.type() + (hasPayload ? " has no payload" : " needs a payload"));
        }
        return index;
    }

    private static WitValue variantPayload(WitValue v) {
        return switch (v) {
            case WitValue.OptionValue o -> o.value().orElseThrow();
            case WitValue.ResultValue r -> r.payload().orElseThrow();
            case WitValue.VariantValue var -> var.payload().orElseThrow();
            default -> throw new IllegalStateException();
        };
    }

    // ================================================================== handles

    private static WitValue liftOwn(LiftLowerContext cx, ResourceType rt, int index) {
        return new WitValue.Own(rt, cx.handles().liftOwn(rt, index));
    }

    private static WitValue liftBorrow(LiftLowerContext cx, ResourceType rt, int index) {
        return new WitValue.Borrow(rt, cx.handles().liftBorrow(rt, index, cx.borrowScope()));
    }

    private static int lowerOwn(LiftLowerContext cx, Layout l, WitValue v) {
        WitValue.Own own = as(v, WitValue.Own.class, l);
        if (own.resource() != l.resource()) {
            throw AbiTraps.host("own<" + own.resource().name() + "> given where " + l.type() + " is expected");
        }
        return cx.handles().lowerOwn(l.resource(), own.rep());
    }

    /** Accepts a {@link WitValue.Borrow}, or an {@link WitValue.Own} the host lends for the call. */
    private static int lowerBorrow(LiftLowerContext cx, Layout l, WitValue v) {
        ResourceType rt;
        int rep;
        if (v instanceof WitValue.Own own) {
            rt = own.resource();
            rep = own.rep();
        } else {
            WitValue.Borrow b = as(v, WitValue.Borrow.class, l);
            rt = b.resource();
            rep = b.rep();
        }
        if (rt != l.resource()) {
            throw AbiTraps.host("handle of " + rt.name() + " given where " + l.type() + " is expected");
        }
        return cx.handles().lowerBorrow(rt, rep, cx.borrowScope());
    }

    private static <T extends WitValue> T as(WitValue v, Class<T> expected, Layout l) {
        if (!expected.isInstance(v)) {
            throw AbiTraps.host("expected a value of type " + l.type() + ", got "
                    + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
        }
        return expected.cast(v);
    }
}
