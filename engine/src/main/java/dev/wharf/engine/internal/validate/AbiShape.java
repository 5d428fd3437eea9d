package dev.wharf.engine.internal.validate;

import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.EnumType;
import dev.wharf.engine.types.FlagsType;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.ListType;
import dev.wharf.engine.types.OptionType;
import dev.wharf.engine.types.OwnType;
import dev.wharf.engine.types.PrimitiveType;
import dev.wharf.engine.types.RecordType;
import dev.wharf.engine.types.ResultType;
import dev.wharf.engine.types.TupleType;
import dev.wharf.engine.types.ValType;
import dev.wharf.engine.types.VariantType;

/** Shape facts about value types that canonical-option validation needs (CanonicalABI.md flattening). */
public final class AbiShape {
    public static final int MAX_FLAT_PARAMS = 16;
    public static final int MAX_FLAT_RESULTS = 1;
    private static final int CAP = 1 << 20;

    private AbiShape() {}

    /** Number of core values {@code t} flattens to (capped at 2^20 to stay in int range). */
    public static int flatCount(ValType t) {
        return switch (t) {
            case PrimitiveType p -> p == PrimitiveType.STRING ? 2 : 1;
            case ListType l -> 2;
            case RecordType r -> sum(r.fields().stream().map(RecordType.Field::type).toList());
            case TupleType tu -> sum(tu.types());
            case VariantType v -> 1 + v.cases().stream().mapToInt(c -> c.payload().map(AbiShape::flatCount).orElse(0)).max().orElse(0);
            case EnumType e -> 1;
            case FlagsType f -> 1;
            case OptionType o -> Math.min(CAP, 1 + flatCount(o.type()));
            case ResultType r -> Math.min(CAP, 1 + Math.max(r.ok().map(AbiShape::flatCount).orElse(0), r.err().map(AbiShape::flatCount).orElse(0)));
            case OwnType o -> 1;
            case BorrowType b -> 1;
        };
    }

    private static int sum(java.util.List<ValType> ts) {
        long n = 0;
        for (ValType t : ts) {
            n = Math.min(CAP, n + flatCount(t));
        }
        return (int) n;
    }

    public static int flatParams(FuncType f) {
        return sum(f.params().stream().map(FuncType.Param::type).toList());
    }

    public static int flatResults(FuncType f) {
        return f.result().map(AbiShape::flatCount).orElse(0);
    }

    /** True if values of {@code t} live partly in linear memory (strings and lists). */
    public static boolean usesMemory(ValType t) {
        return switch (t) {
            case PrimitiveType p -> p == PrimitiveType.STRING;
            case ListType l -> true;
            case RecordType r -> r.fields().stream().anyMatch(f -> usesMemory(f.type()));
            case TupleType tu -> tu.types().stream().anyMatch(AbiShape::usesMemory);
            case VariantType v -> v.cases().stream().anyMatch(c -> c.payload().map(AbiShape::usesMemory).orElse(false));
            case OptionType o -> usesMemory(o.type());
            case ResultType r -> r.ok().map(AbiShape::usesMemory).orElse(false) || r.err().map(AbiShape::usesMemory).orElse(false);
            case EnumType e -> false;
            case FlagsType f -> false;
            case OwnType o -> false;
            case BorrowType b -> false;
        };
    }

    public static boolean containsBorrow(ValType t) {
        return switch (t) {
            case BorrowType b -> true;
            case ListType l -> containsBorrow(l.element());
            case RecordType r -> r.fields().stream().anyMatch(f -> containsBorrow(f.type()));
            case TupleType tu -> tu.types().stream().anyMatch(AbiShape::containsBorrow);
            case VariantType v -> v.cases().stream().anyMatch(c -> c.payload().map(AbiShape::containsBorrow).orElse(false));
            case OptionType o -> containsBorrow(o.type());
            case ResultType r -> r.ok().map(AbiShape::containsBorrow).orElse(false) || r.err().map(AbiShape::containsBorrow).orElse(false);
            default -> false;
        };
    }

    public static boolean containsHandle(ValType t) {
        return switch (t) {
            case BorrowType b -> true;
            case OwnType o -> true;
            case ListType l -> containsHandle(l.element());
            case RecordType r -> r.fields().stream().anyMatch(f -> containsHandle(f.type()));
            case TupleType tu -> tu.types().stream().anyMatch(AbiShape::containsHandle);
            case VariantType v -> v.cases().stream().anyMatch(c -> c.payload().map(AbiShape::containsHandle).orElse(false));
            case OptionType o -> containsHandle(o.type());
            case ResultType r -> r.ok().map(AbiShape::containsHandle).orElse(false) || r.err().map(AbiShape::containsHandle).orElse(false);
            default -> false;
        };
    }
}
