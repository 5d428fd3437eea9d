package dev.wharf.engine.internal.validate;

import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.ComponentType;
import dev.wharf.engine.types.CoreModuleType;
import dev.wharf.engine.types.EnumType;
import dev.wharf.engine.types.FlagsType;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.InstanceType;
import dev.wharf.engine.types.ListType;
import dev.wharf.engine.types.OptionType;
import dev.wharf.engine.types.OwnType;
import dev.wharf.engine.types.PrimitiveType;
import dev.wharf.engine.types.RecordType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.ResultType;
import dev.wharf.engine.types.TupleType;
import dev.wharf.engine.types.Type;
import dev.wharf.engine.types.ValType;
import dev.wharf.engine.types.VariantType;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a component is instantiated, each imported (abstract) resource type is replaced by the resource
 * type actually supplied, in every exported type (Binary.md: "the actual type supplied is immediately
 * substituted for all uses of the import"). This class collects and applies that mapping.
 */
final class ResourceSubstitution {
    private final Map<ResourceType, ResourceType> map = new IdentityHashMap<>();

    /** Records the resources of {@code imported} that {@code supplied} provides (matching instance exports by name). */
    void bind(Type imported, Type supplied) {
        if (imported instanceof ResourceType r && supplied instanceof ResourceType s) {
            if (r != s) {
                map.put(r, s);
            }
        } else if (imported instanceof InstanceType i && supplied instanceof InstanceType s) {
            for (Map.Entry<String, Type> e : i.exports().entrySet()) {
                Type given = s.exports().get(e.getKey());
                if (given != null) {
                    bind(e.getValue(), given);
                }
            }
        }
    }

    /**
     * Gives every resource type that {@code t} mentions and the instantiated component defined
     * (itself or in components it instantiates) a fresh identity: resource types are generative,
     * so each instantiation of a component defines new ones.
     */
    void freshenDefined(Type t) {
        switch (t) {
            case ResourceType r -> {
                if (r.defined() && !map.containsKey(r)) {
                    map.put(r, new ResourceType(r.name(), true));
                }
            }
            case OwnType o -> freshenDefined(o.resource());
            case BorrowType b -> freshenDefined(b.resource());
            case ListType l -> freshenDefined(l.element());
            case OptionType o -> freshenDefined(o.type());
            case ResultType r -> {
                r.ok().ifPresent(this::freshenDefined);
                r.err().ifPresent(this::freshenDefined);
            }
            case TupleType tu -> tu.types().forEach(this::freshenDefined);
            case RecordType r -> r.fields().forEach(f -> freshenDefined(f.type()));
            case VariantType v -> v.cases().forEach(c -> c.payload().ifPresent(this::freshenDefined));
            case FuncType f -> {
                f.params().forEach(p -> freshenDefined(p.type()));
                f.result().ifPresent(this::freshenDefined);
            }
            case InstanceType i -> i.exports().values().forEach(this::freshenDefined);
            default -> { }
        }
    }

    boolean isEmpty() {
        return map.isEmpty();
    }

    Type apply(Type t) {
        if (map.isEmpty()) {
            return t;
        }
        return switch (t) {
            case ValType v -> apply(v);
            case ResourceType r -> map.getOrDefault(r, r);
            case FuncType f -> new FuncType(f.params().stream().map(p -> new FuncType.Param(p.name(), apply(p.type()))).toList(),
                    f.result().map(this::apply), f.async());
            case InstanceType i -> new InstanceType(applyAll(i.exports()));
            case ComponentType c -> new ComponentType(applyAll(c.imports()), applyAll(c.exports()));
            case CoreModuleType m -> m;
        };
    }

    private Map<String, Type> applyAll(Map<String, Type> entries) {
        Map<String, Type> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> out.put(k, apply(v)));
        return out;
    }

    ValType apply(ValType t) {
        return switch (t) {
            case PrimitiveType p -> p;
            case EnumType e -> e;
            case FlagsType f -> f;
            case OwnType o -> new OwnType(map.getOrDefault(o.resource(), o.resource()));
            case BorrowType b -> new BorrowType(map.getOrDefault(b.resource(), b.resource()));
            case ListType l -> new ListType(apply(l.element()));
            case OptionType o -> new OptionType(apply(o.type()));
            case ResultType r -> new ResultType(r.ok().map(this::apply), r.err().map(this::apply));
            case TupleType tu -> new TupleType(tu.types().stream().map(this::apply).toList());
            case RecordType r -> new RecordType(r.fields().stream().map(f -> new RecordType.Field(f.name(), apply(f.type()))).toList());
            case VariantType v -> new VariantType(v.cases().stream()
                    .map(c -> new VariantType.Case(c.name(), c.payload().map(this::apply))).toList());
        };
    }
}
