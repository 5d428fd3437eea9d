package dev.wharf.engine.internal.link;

import dev.wharf.engine.InvalidComponentException;
import dev.wharf.engine.internal.binary.ast.Sort;
import dev.wharf.engine.internal.validate.ValidatedComponent;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.InstanceType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.Type;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index spaces of one component body being walked: one instantiation of the component,
 * which is run-time component instance {@code instance} (its own handle table and {@code
 * may_enter}/{@code may_leave} flags).
 */
final class PlanScope {
    final PlanScope parent;
    final boolean outermost;
    final Map<String, Object> args;
    final ValidatedComponent validated;
    final int instance;
    /**
     * The validator's resource types of this component (abstract imports, and resources defined
     * once per definition) mapped to this instantiation's actual ones: the arguments' types and a
     * fresh type per resource this instantiation defines. Applied to every type the validator
     * resolved before the planner uses it.
     */
    final Map<ResourceType, ResourceType> actual;
    final TypeSubstitution types;
    final Map<Sort, List<Object>> spaces = new EnumMap<>(Sort.class);
    final Map<String, Object> exports = new LinkedHashMap<>();
    int nestedDefinitions;

    PlanScope(PlanScope parent, boolean outermost, Map<String, Object> args, ValidatedComponent validated, int instance) {
        this.parent = parent;
        this.outermost = outermost;
        this.args = args;
        this.validated = validated;
        this.instance = instance;
        this.actual = parent == null ? new IdentityHashMap<>() : new IdentityHashMap<>(parent.actual);
        this.types = new TypeSubstitution(actual);
        for (Sort s : Sort.values()) {
            spaces.put(s, new ArrayList<>());
        }
    }

    List<Object> space(Sort sort) {
        return spaces.get(sort);
    }

    Object get(Sort sort, int index, String where) {
        List<Object> space = space(sort);
        if (index < 0 || index >= space.size()) {
            throw new InvalidComponentException(where + ": " + sort + " index " + index + " out of range");
        }
        return space.get(index);
    }

    /**
     * Appends {@code item} to the {@code sort} space. A type or instance item carries actual
     * resource types where the validator has its own (an import's abstract type, a nested
     * instance's resource): record the correspondence so later types of this scope use the actual ones.
     */
    void add(Sort sort, Object item) {
        int index = space(sort).size();
        space(sort).add(item);
        if (sort == Sort.TYPE && item instanceof Planner.TypeItem t && index < validated.types().size()) {
            bind(validated.types().get(index), t.type());
        } else if (sort == Sort.INSTANCE && item instanceof Planner.Instance inst && index < validated.instances().size()) {
            bindInstance(validated.instances().get(index), inst);
        }
    }

    private void bind(Type validatedType, Type actualType) {
        if (validatedType instanceof ResourceType v && actualType instanceof ResourceType a && v != a) {
            actual.put(v, a);
        }
    }

    private void bindInstance(InstanceType validatedType, Planner.Instance actualInstance) {
        validatedType.exports().forEach((name, t) -> {
            Object item = actualInstance.exports().get(name);
            if (item instanceof Planner.TypeItem ti) {
                bind(t, ti.type());
            } else if (t instanceof InstanceType it && item instanceof Planner.Instance inner) {
                bindInstance(it, inner);
            }
        });
    }

    /** A type the validator resolved for {@code scope}, with this instantiation's actual resource types. */
    Type actual(Type t) {
        return switch (t) {
            case ResourceType r -> types.apply(r);
            case FuncType f -> types.apply(f);
            case dev.wharf.engine.types.ValType v -> types.apply(v);
            default -> t;
        };
    }
}
