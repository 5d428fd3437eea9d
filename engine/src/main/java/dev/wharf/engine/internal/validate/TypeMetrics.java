package dev.wharf.engine.internal.validate;

import dev.wharf.engine.InvalidComponentException;
import dev.wharf.engine.types.ComponentType;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.InstanceType;
import dev.wharf.engine.types.ListType;
import dev.wharf.engine.types.OptionType;
import dev.wharf.engine.types.RecordType;
import dev.wharf.engine.types.ResultType;
import dev.wharf.engine.types.TupleType;
import dev.wharf.engine.types.Type;
import dev.wharf.engine.types.VariantType;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Depth and (tree-expanded) size of types (value, function, instance and component types), memoised by identity so that types shared as a DAG
 * cost one visit each. Validation rejects types deeper than {@link #MAX_DEPTH} or larger than
 * {@link #MAX_SIZE}, which keeps every later recursive walk (printing, flattening) bounded.
 */
final class TypeMetrics {
    static final int MAX_DEPTH = 100;
    static final long MAX_SIZE = 100_000;

    private record Entry(int depth, long size) {}

    private final Map<Type, Entry> memo = new IdentityHashMap<>();

    <T extends Type> T check(T t, String where) {
        Entry e = of(t);
        if (e.depth > MAX_DEPTH) {
            throw new InvalidComponentException(where + ": type nesting deeper than " + MAX_DEPTH);
        }
        if (e.size > MAX_SIZE) {
            throw new InvalidComponentException(where + ": type has more than " + MAX_SIZE + " nodes when expanded");
        }
        return t;
    }

    int depth(Type t) {
        return of(t).depth;
    }

    long size(Type t) {
        return of(t).size;
    }

    private Entry of(Type t) {
        Entry e = memo.get(t);
        if (e != null) {
            return e;
        }
        List<? extends Type> children = children(t);
        int depth = 0;
        long size = 1;
        for (Type c : children) {
            Entry ce = of(c);
            depth = Math.max(depth, ce.depth);
            size = Math.min(Long.MAX_VALUE / 4, size + ce.size);
        }
        e = new Entry(depth + 1, size);
        memo.put(t, e);
        return e;
    }

    private static List<? extends Type> children(Type t) {
        return switch (t) {
            case FuncType f -> Stream.concat(f.params().stream().map(FuncType.Param::type), f.result().stream()).toList();
            case InstanceType i -> List.copyOf(i.exports().values());
            case ComponentType c -> Stream.concat(c.imports().values().stream(), c.exports().values().stream()).toList();
            case ListType l -> List.of(l.element());
            case OptionType o -> List.of(o.type());
            case ResultType r -> Stream.concat(r.ok().stream(), r.err().stream()).toList();
            case TupleType tu -> tu.types();
            case RecordType r -> r.fields().stream().map(RecordType.Field::type).toList();
            case VariantType v -> v.cases().stream().flatMap(c -> c.payload().stream()).toList();
            default -> List.of();
        };
    }
}
