package dev.wharf.engine.internal.abi;

import dev.wharf.engine.core.ValueType;
import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.EnumType;
import dev.wharf.engine.types.FlagsType;
import dev.wharf.engine.types.ListType;
import dev.wharf.engine.types.OptionType;
import dev.wharf.engine.types.OwnType;
import dev.wharf.engine.types.PrimitiveType;
import dev.wharf.engine.types.RecordType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.ResultType;
import dev.wharf.engine.types.TupleType;
import dev.wharf.engine.types.ValType;
import dev.wharf.engine.types.VariantType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Canonical ABI layout of one value type, computed once: byte size ({@code elem_size}),
 * alignment, flat core types ({@code flatten_type}) and, for compound types, the layouts and
 * offsets of their parts. Immutable and shared; obtain it with {@link #of(ValType)}, which caches
 * by type (value types are records, so structurally equal types share a layout; resource types
 * inside {@code own}/{@code borrow} compare by identity).
 *
 * <p>Follows CanonicalABI.md ({@code despecialize}: tuple is a record, enum/option/result are
 * variants). Empty types (records and tuples without fields, flags without labels) are rejected,
 * as the spec does, so every layout has a size of at least one byte. Flags with more than 32 labels, which the current spec no longer allows, use the
 * earlier spec's layout (ceil(n/32) i32 words, flat and in memory) so such types still work.
 */
public final class Layout {

    /** The despecialized kind. */
    public enum Kind { BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, STRING, LIST, RECORD, VARIANT, FLAGS, OWN, BORROW }

    /** Which source type a {@link Kind#RECORD} or {@link Kind#VARIANT} came from (decides the lifted value's class). */
    public enum Form { PLAIN, TUPLE, ENUM, OPTION, RESULT }

    /** Largest elem_size a type may have (validation bound in the spec). */
    public static final long MAX_ELEM_SIZE = (1L << 28) - 1;

    private static final int CACHE_LIMIT = 65_536;
    private static final ConcurrentHashMap<ValType, Layout> CACHE = new ConcurrentHashMap<>();

    private final ValType type;
    private final Kind kind;
    private final Form form;
    private final int size;
    private final int alignment;
    private final ValueType[] flat;
    // RECORD: parts and their byte offsets; VARIANT: payload layout per case (null if none)
    private final Layout[] parts;
    private final int[] offsets;
    // LIST
    private final Layout element;
    // VARIANT
    private final int discriminantSize;
    private final int payloadOffset;
    // FLAGS
    private final int flagCount;
    // OWN / BORROW
    private final ResourceType resource;

    private Layout(ValType type, Kind kind, Form form, long size, int alignment, ValueType[] flat, Layout[] parts,
            int[] offsets, Layout element, int discriminantSize, int payloadOffset, int flagCount, ResourceType resource) {
        if (size > MAX_ELEM_SIZE) {
            throw new IllegalArgumentException("type too large for the Canonical ABI (" + size + " bytes): " + type);
        }
        this.type = type;
        this.kind = kind;
        this.form = form;
        this.size = (int) size;
        this.alignment = alignment;
        this.flat = flat;
        this.parts = parts;
        this.offsets = offsets;
        this.element = element;
        this.discriminantSize = discriminantSize;
        this.payloadOffset = payloadOffset;
        this.flagCount = flagCount;
        this.resource = resource;
    }

    /**
     * The layout of {@code type}, from the cache or computed now.
     *
     * @throws IllegalArgumentException if the type's size exceeds the spec's bound (2^28 - 1 bytes)
     */
    public static Layout of(ValType type) {
        Layout cached = CACHE.get(type);
        if (cached != null) {
            return cached;
        }
        // Not computeIfAbsent: computing a layout recursively asks for its parts' layouts.
        Layout computed = compute(type);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        Layout raced = CACHE.putIfAbsent(type, computed);
        return raced != null ? raced : computed;
    }

    /** Number of cached layouts (for tests and metrics). */
    public static int cacheSize() {
        return CACHE.size();
    }

    public ValType type() {
        return type;
    }

    public Kind kind() {
        return kind;
    }

    public Form form() {
        return form;
    }

    /** {@code elem_size}: bytes taken in linear memory (and as a list element). */
    public int size() {
        return size;
    }

    public int alignment() {
        return alignment;
    }

    /** {@code flatten_type}: the core value types, in order. */
    public List<ValueType> flatTypes() {
        return List.of(flat);
    }

    public int flatCount() {
        return flat.length;
    }

    ValueType flatType(int i) {
        return flat[i];
    }

    /** Record/tuple field layouts, or variant case payload layouts ({@code null} for a case without payload). */
    public List<Layout> parts() {
        return parts == null ? List.of() : java.util.Collections.unmodifiableList(Arrays.asList(parts));
    }

    Layout part(int i) {
        return parts[i];
    }

    int partCount() {
        return parts.length;
    }

    /** Byte offset of record field {@code i} from the start of the record. */
    public int fieldOffset(int i) {
        return offsets[i];
    }

    /** List element layout. */
    public Layout element() {
        return element;
    }

    /** Variant discriminant size in bytes: 1, 2 or 4. */
    public int discriminantSize() {
        return discriminantSize;
    }

    /** Byte offset of a variant's payload. */
    public int payloadOffset() {
        return payloadOffset;
    }

    public int flagCount() {
        return flagCount;
    }

    /** Number of i32 words the flags take flat (and, above 32 flags, in memory). */
    int flagWords() {
        return (flagCount + 31) >>> 5;
    }

    public ResourceType resource() {
        return resource;
    }

    static int alignTo(int offset, int alignment) {
        return (offset + alignment - 1) & -alignment;
    }

    static long alignTo(long offset, int alignment) {
        return (offset + alignment - 1) & -alignment;
    }

    /** {@code discriminant_type}: bytes of the smallest unsigned integer numbering {@code n} cases. */
    static int discriminantSize(int n) {
        if (n <= 1 << 8) {
            return 1;
        }
        if (n <= 1 << 16) {
            return 2;
        }
        return 4;
    }

    @Override
    public String toString() {
        return type + " {size " + size + ", align " + alignment + ", flat " + Arrays.toString(flat) + "}";
    }

    // ------------------------------------------------------------------ computation

    private static final ValueType[] I32 = {ValueType.I32};
    private static final ValueType[] I64 = {ValueType.I64};
    private static final ValueType[] F32 = {ValueType.F32};
    private static final ValueType[] F64 = {ValueType.F64};
    private static final ValueType[] PTR_LEN = {ValueType.I32, ValueType.I32};

    private static Layout scalar(ValType t, Kind k, int size, ValueType[] flat) {
        return new Layout(t, k, Form.PLAIN, size, size, flat, null, null, null, 0, 0, 0, null);
    }

    private static Layout compute(ValType type) {
        return switch (type) {
            case PrimitiveType p -> switch (p) {
                case BOOL -> scalar(p, Kind.BOOL, 1, I32);
                case S8 -> scalar(p, Kind.S8, 1, I32);
                case U8 -> scalar(p, Kind.U8, 1, I32);
                case S16 -> scalar(p, Kind.S16, 2, I32);
                case U16 -> scalar(p, Kind.U16, 2, I32);
                case S32 -> scalar(p, Kind.S32, 4, I32);
                case U32 -> scalar(p, Kind.U32, 4, I32);
                case S64 -> scalar(p, Kind.S64, 8, I64);
                case U64 -> scalar(p, Kind.U64, 8, I64);
                case F32 -> scalar(p, Kind.F32, 4, F32);
                case F64 -> scalar(p, Kind.F64, 8, F64);
                case CHAR -> scalar(p, Kind.CHAR, 4, I32);
                case STRING -> new Layout(p, Kind.STRING, Form.PLAIN, 8, 4, PTR_LEN, null, null, null, 0, 0, 0, null);
            };
            case ListType l -> new Layout(l, Kind.LIST, Form.PLAIN, 8, 4, PTR_LEN, null, null, of(l.element()), 0, 0, 0, null);
            case RecordType r -> record(r, Form.PLAIN, r.fields().stream().map(RecordType.Field::type).toList());
            case TupleType t -> record(t, Form.TUPLE, t.types());
            case VariantType v -> variant(v, Form.PLAIN, v.cases().stream().map(VariantType.Case::payload).toList());
            case EnumType e -> variant(e, Form.ENUM, e.cases().stream().map(c -> Optional.<ValType>empty()).toList());
            case OptionType o -> variant(o, Form.OPTION, List.of(Optional.empty(), Optional.of(o.type())));
            case ResultType r -> variant(r, Form.RESULT, List.of(r.ok(), r.err()));
            case FlagsType f -> flags(f);
            case OwnType o -> new Layout(o, Kind.OWN, Form.PLAIN, 4, 4, I32, null, null, null, 0, 0, 0, o.resource());
            case BorrowType b -> new Layout(b, Kind.BORROW, Form.PLAIN, 4, 4, I32, null, null, null, 0, 0, 0, b.resource());
        };
    }

    private static Layout record(ValType type, Form form, List<ValType> fieldTypes) {
        if (fieldTypes.isEmpty()) {
            throw new IllegalArgumentException("empty types are not allowed by the Canonical ABI: " + type);
        }
        Layout[] parts = new Layout[fieldTypes.size()];
        int[] offsets = new int[parts.length];
        long s = 0;
        int align = 1;
        List<ValueType> flat = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            Layout f = of(fieldTypes.get(i));
            parts[i] = f;
            s = alignTo(s, f.alignment);
            offsets[i] = (int) Math.min(s, Integer.MAX_VALUE);
            s += f.size;
            if (s > MAX_ELEM_SIZE) {
                throw new IllegalArgumentException("type too large for the Canonical ABI: " + type);
            }
            align = Math.max(align, f.alignment);
            flat.addAll(Arrays.asList(f.flat));
        }
        return new Layout(type, Kind.RECORD, form, alignTo(s, align), align, flat.toArray(ValueType[]::new), parts,
                offsets, null, 0, 0, 0, null);
    }

    private static Layout variant(ValType type, Form form, List<Optional<ValType>> cases) {
        int n = cases.size();
        if (n == 0) {
            throw new IllegalArgumentException("variant without cases: " + type);
        }
        Layout[] parts = new Layout[n];
        int discSize = discriminantSize(n);
        int maxCaseAlign = 1;
        long maxCaseSize = 0;
        List<ValueType> joined = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Optional<ValType> payload = cases.get(i);
            if (payload.isEmpty()) {
                continue;
            }
            Layout p = of(payload.get());
            parts[i] = p;
            maxCaseAlign = Math.max(maxCaseAlign, p.alignment);
            maxCaseSize = Math.max(maxCaseSize, p.size);
            for (int j = 0; j < p.flat.length; j++) {
                if (j < joined.size()) {
                    joined.set(j, join(joined.get(j), p.flat[j]));
                } else {
                    joined.add(p.flat[j]);
                }
            }
        }
        int payloadOffset = alignTo(discSize, maxCaseAlign);
        int align = Math.max(discSize, maxCaseAlign);
        long size = alignTo(payloadOffset + maxCaseSize, align);
        ValueType[] flat = new ValueType[1 + joined.size()];
        flat[0] = ValueType.I32;
        for (int j = 0; j < joined.size(); j++) {
            flat[1 + j] = joined.get(j);
        }
        return new Layout(type, Kind.VARIANT, form, size, align, flat, parts, null, null, discSize, payloadOffset, 0, null);
    }

    /** {@code join}: the core type both flat types can be bit-cast to. */
    static ValueType join(ValueType a, ValueType b) {
        if (a == b) {
            return a;
        }
        if ((a == ValueType.I32 && b == ValueType.F32) || (a == ValueType.F32 && b == ValueType.I32)) {
            return ValueType.I32;
        }
        return ValueType.I64;
    }

    private static Layout flags(FlagsType f) {
        int n = f.flags().size();
        if (n == 0) {
            throw new IllegalArgumentException("empty types are not allowed by the Canonical ABI: " + f);
        }
        if (n <= 8) {
            return new Layout(f, Kind.FLAGS, Form.PLAIN, 1, 1, I32, null, null, null, 0, 0, n, null);
        }
        if (n <= 16) {
            return new Layout(f, Kind.FLAGS, Form.PLAIN, 2, 2, I32, null, null, null, 0, 0, n, null);
        }
        int words = (n + 31) >>> 5;
        ValueType[] flat = new ValueType[words];
        Arrays.fill(flat, ValueType.I32);
        return new Layout(f, Kind.FLAGS, Form.PLAIN, 4L * words, 4, flat, null, null, null, 0, 0, n, null);
    }
}
