package dev.wharf.engine.internal.validate;

import dev.wharf.engine.InvalidComponentException;
import dev.wharf.engine.UnsupportedComponentFeatureException;
import dev.wharf.engine.internal.binary.ast.Alias;
import dev.wharf.engine.internal.binary.ast.Sort;
import dev.wharf.engine.types.ComponentType;
import dev.wharf.engine.types.CoreModuleType;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.InstanceType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.Type;
import dev.wharf.engine.types.ValType;

/** Validates alias definitions/declarators and adds their entry to the right index space. */
final class Aliases {
    private Aliases() {}

    /** The sort under which a type-level entry is exported. */
    static Sort sortOf(Type t) {
        return switch (t) {
            case FuncType f -> Sort.FUNC;
            case InstanceType i -> Sort.INSTANCE;
            case ComponentType c -> Sort.COMPONENT;
            case CoreModuleType m -> Sort.CORE_MODULE;
            case ValType v -> Sort.TYPE;
            case ResourceType r -> Sort.TYPE;
        };
    }

    static void apply(Scope scope, Alias alias, String where) {
        switch (alias) {
            case Alias.InstanceExport e -> {
                if (e.sort() == Sort.VALUE) {
                    throw new UnsupportedComponentFeatureException("value aliases", where);
                }
                scope.checkIndex(Sort.INSTANCE, e.instanceIndex(), where);
                InstanceType it = scope.instances.get(e.instanceIndex());
                Type t = it.exports().get(e.name());
                if (t == null) {
                    throw new InvalidComponentException(where + ": alias of export '" + e.name() + "' of instance " + e.instanceIndex()
                            + ", which has no such export (its exports: " + preview(it) + ")");
                }
                Sort actual = sortOf(t);
                if (actual != e.sort()) {
                    throw new InvalidComponentException(where + ": alias of export '" + e.name() + "' of instance " + e.instanceIndex()
                            + " as a " + e.sort() + ", but it is a " + actual);
                }
                scope.add(e.sort(), t);
            }
            case Alias.CoreInstanceExport c -> {
                switch (c.sort()) {
                    case CORE_FUNC, CORE_TABLE, CORE_MEMORY, CORE_GLOBAL, CORE_TAG -> { }
                    default -> throw new InvalidComponentException(where + ": core export aliases must be of a core func, table, memory, global or tag, not " + c.sort());
                }
                scope.checkIndex(Sort.CORE_INSTANCE, c.coreInstanceIndex(), where);
                CoreInstanceInfo info = scope.coreInstances.get(c.coreInstanceIndex());
                if (info.exportsKnown()) {
                    Sort actual = info.exports().get(c.name());
                    if (actual == null) {
                        throw new InvalidComponentException(where + ": alias of export '" + c.name() + "' of core instance "
                                + c.coreInstanceIndex() + ", which has no such export");
                    }
                    if (actual != c.sort()) {
                        throw new InvalidComponentException(where + ": alias of export '" + c.name() + "' of core instance "
                                + c.coreInstanceIndex() + " as a " + c.sort() + ", but it is a " + actual);
                    }
                }
                scope.addCore(c.sort());
            }
            case Alias.Outer o -> {
                Scope target = scope.outer(o.count());
                if (target == null) {
                    throw new InvalidComponentException(where + ": outer alias count " + o.count() + " exceeds the number of enclosing scopes");
                }
                target.checkIndex(o.sort(), o.index(), where + " (outer alias target)");
                switch (o.sort()) {
                    case CORE_TYPE -> scope.coreTypes.add(target.coreTypes.get(o.index()));
                    case CORE_MODULE -> scope.coreModules.add(target.coreModules.get(o.index()));
                    case COMPONENT -> scope.components.add(target.components.get(o.index()));
                    case TYPE -> {
                        Type t = target.types.get(o.index());
                        if (crossesComponent(scope, o.count()) && refersToResource(t)) {
                            throw new InvalidComponentException(where + ": outer alias of type " + o.index()
                                    + " across a component boundary refers to a resource type");
                        }
                        scope.types.add(t);
                    }
                    default -> throw new InvalidComponentException(where + ": outer aliases may only refer to core modules, core types, types and components, not " + o.sort());
                }
            }
        }
    }

    private static boolean crossesComponent(Scope scope, int count) {
        Scope s = scope;
        for (int i = 0; i < count && s != null; i++) {
            if (s.kind == Scope.Kind.COMPONENT) {
                return true;
            }
            s = s.parent;
        }
        return false;
    }

    private static boolean refersToResource(Type t) {
        return t instanceof ResourceType || (t instanceof ValType v && AbiShape.containsHandle(v));
    }

    private static String preview(InstanceType it) {
        if (it.exports().isEmpty()) {
            return "none";
        }
        String s = String.join(", ", it.exports().keySet().stream().limit(10).toList());
        return it.exports().size() > 10 ? s + ", ..." : s;
    }
}
