package dev.wharf.engine.internal.link;

import dev.wharf.engine.types.BorrowType;
import dev.wharf.engine.types.EnumType;
import dev.wharf.engine.types.FlagsType;
import dev.wharf.engine.types.FuncType;
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
import java.util.Map;

/**
 * Replaces resource types inside value and function types. Linking uses it to put the host's
 * resource types in place of the component's imported (abstract) ones, as instantiation does in
 * the spec: from then on a handle the host creates and a handle the guest passes have the same
 * type, and resource identity can be compared with {@code ==}.
 */
public final class TypeSubstitution {
    private final Map<ResourceType, ResourceType> map;

    /** {@code map} must be an identity map (resource types compare by identity anyway). */
    public TypeSubstitution(Map<ResourceType, ResourceType> map) {
        this.map = map;
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    public ResourceType apply(ResourceType r) {
        return map.getOrDefault(r, r);
    }

    public FuncType apply(FuncType f) {
        if (map.isEmpty()) {
            return f;
        }
        return new FuncType(f.params().stream().map(p -> new FuncType.Param(p.name(), apply(p.type()))).toList(),
                f.result().map(this::apply), f.async());
    }

    public ValType apply(ValType t) {
        return switch (t) {
            case PrimitiveType p -> p;
            case EnumType e -> e;
            case FlagsType f -> f;
            case OwnType o -> new OwnType(apply(o.resource()));
            case BorrowType b -> new BorrowType(apply(b.resource()));
            case ListType l -> new ListType(apply(l.element()));
            case OptionType o -> new OptionType(apply(o.type()));
            case ResultType r -> new ResultType(r.ok().map(this::apply), r.err().map(this::apply));
            case TupleType tu -> new TupleType(tu.types().stream().map(this::apply).toList());
            case RecordType r -> new RecordType(r.fields().stream().map(f -> new RecordType.Field(f.name(), apply(f.type()))).toList());
            case VariantType v -> new VariantType(v.cases().stream().map(c -> new VariantType.Case(c.name(), c.payload().map(this::apply))).toList());
        };
    }

    /** The plan with every imported resource type replaced (ABIs recomputed where a type changed). */
    public ComponentPlanData apply(ComponentPlanData plan) {
        if (map.isEmpty()) {
            return plan;
        }
        var hostImports = plan.hostImports().stream().map(h -> new HostImport(h.iface(), h.function(), apply(h.type()))).toList();
        var steps = plan.steps().stream().map(s -> switch (s) {
            case Step.LowerImport l -> new Step.LowerImport(l.index(), l.instance(), l.hostImport(), l.options(),
                    dev.wharf.engine.internal.abi.FunctionAbi.of(hostImports.get(l.hostImport()).type()));
            case Step.LowerLifted l -> new Step.LowerLifted(l.index(), l.instance(), l.lift(), l.options(),
                    dev.wharf.engine.internal.abi.FunctionAbi.of(apply(l.abi().type())));
            case Step.ResourceBuiltin b -> new Step.ResourceBuiltin(b.index(), b.instance(), b.kind(), apply(b.type()));
            default -> s;
        }).toList();
        var lifts = plan.lifts().stream().map(l -> {
            FuncType t = apply(l.abi().type());
            return t.equals(l.abi().type()) ? l
                    : new LiftPlan(l.displayName(), l.instance(), l.function(), l.options(), dev.wharf.engine.internal.abi.FunctionAbi.of(t));
        }).toList();
        return new ComponentPlanData(plan.modules(), steps, plan.coreInstanceSlots(), plan.instanceParents(), plan.loweredCount(), plan.builtinCount(),
                hostImports, plan.importedResources(), lifts, plan.exports());
    }
}
