package dev.wharf.engine.internal.validate;

import dev.wharf.engine.InvalidComponentException;
import dev.wharf.engine.UnsupportedComponentFeatureException;
import dev.wharf.engine.internal.binary.ast.ComponentAst;
import dev.wharf.engine.internal.binary.ast.CoreInstanceExpr;
import dev.wharf.engine.internal.binary.ast.Definition;
import dev.wharf.engine.internal.binary.ast.InstanceExpr;
import dev.wharf.engine.internal.binary.ast.Sort;
import dev.wharf.engine.types.ComponentType;
import dev.wharf.engine.types.CoreModuleType;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.InstanceType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Validates a {@link ComponentAst}: builds every index space in definition order, resolves types into
 * the public model and checks the rules of Binary.md / Explainer.md that the engine relies on.
 */
public final class ComponentValidator {
    private ComponentValidator() {}

    public static ValidatedComponent validate(ComponentAst ast) {
        return new ValidatedComponent(validate(ast, null));
    }

    static Scope validate(ComponentAst ast, Scope parent) {
        Scope scope = new Scope(parent, Scope.Kind.COMPONENT);
        scope.ast = ast;
        for (Definition def : ast.definitions()) {
            definition(scope, def);
        }
        return scope;
    }

    private static String where(String section, Object what, int offset) {
        return section + " section: " + what + " at offset " + offset;
    }

    private static void definition(Scope scope, Definition def) {
        switch (def) {
            case Definition.Custom c -> { }
            case Definition.CoreModule m -> scope.coreModules.add(null);
            case Definition.CoreInstance ci -> coreInstance(scope, ci.expr(),
                    where("core instance", "core instance " + scope.coreInstances.size(), ci.offset()));
            case Definition.CoreTypeDef t -> {
                String where = where("core type", "core type " + scope.coreTypes.size(), t.offset());
                scope.coreTypes.add(TypeResolver.coreType(scope, t.type(), where));
            }
            case Definition.NestedComponent n -> {
                Scope inner = validate(n.component(), scope);
                scope.nestedComponents.add(inner);
                scope.components.add(scope.metrics.check(new ComponentType(inner.imports, inner.exports),
                        where("component", "component " + scope.components.size(), n.offset())));
            }
            case Definition.Instance i -> instance(scope, i.expr(), where("instance", "instance " + scope.instances.size(), i.offset()));
            case Definition.AliasDef a -> Aliases.apply(scope, a.alias(),
                    where("alias", "alias of " + a.alias().sort() + " " + scope.size(a.alias().sort()), a.offset()));
            case Definition.TypeDef t -> {
                int index = scope.types.size();
                scope.types.add(TypeResolver.defType(scope, t.type(), index, where("type", "type " + index, t.offset())));
            }
            case Definition.CanonDef c -> Canons.apply(scope, c.canon(),
                    where("canon", "definition of " + c.canon().produces() + " " + scope.size(c.canon().produces()), c.offset()));
            case Definition.Start s -> throw new UnsupportedComponentFeatureException("start definitions", where("start", "start", s.offset()));
            case Definition.Values v -> throw new UnsupportedComponentFeatureException("value definitions", where("value", "values", v.offset()));
            case Definition.Import im -> {
                String where = where("import", "import '" + im.name().name() + "'", im.offset());
                Type t = TypeResolver.externType(scope, im.desc(), im.name().name(), where);
                Externs.declare(scope, true, im.name(), t, where);
                scope.add(im.desc().sort(), t);
            }
            case Definition.Export ex -> {
                String where = where("export", "export '" + ex.name().name() + "'", ex.offset());
                Sort sort = ex.target().sort();
                if (sort == Sort.VALUE) {
                    throw new UnsupportedComponentFeatureException("value exports", where);
                }
                if (sort.isCore() && sort != Sort.CORE_MODULE) {
                    throw new InvalidComponentException(where + ": a " + sort + " cannot be exported from a component");
                }
                Type t = scope.typeOf(sort, ex.target().index(), where);
                if (ex.ascribed().isPresent()) {
                    if (ex.ascribed().get().sort() != sort) {
                        throw new InvalidComponentException(where + ": ascribed type is a " + ex.ascribed().get().sort() + " but the export is a " + sort);
                    }
                    Type ascribed = TypeResolver.externType(scope, ex.ascribed().get(), ex.name().name(), where);
                    if (ascribed instanceof ResourceType r && !r.defined() && !(t instanceof ResourceType)) {
                        throw new InvalidComponentException(where + ": exported type " + t + " is not a resource but is ascribed (sub resource)");
                    }
                    if ((ascribed instanceof FuncType || ascribed instanceof dev.wharf.engine.types.ValType) && !ascribed.equals(t)) {
                        throw new InvalidComponentException(where + ": exported " + t + " does not match its ascribed type " + ascribed);
                    }
                    if (ascribed instanceof InstanceType want && t instanceof InstanceType got) {
                        for (Map.Entry<String, Type> e : want.exports().entrySet()) {
                            Type have = got.exports().get(e.getKey());
                            if (have == null || Aliases.sortOf(have) != Aliases.sortOf(e.getValue())) {
                                throw new InvalidComponentException(where + ": exported instance lacks the " + Aliases.sortOf(e.getValue())
                                        + " '" + e.getKey() + "' its ascribed type requires");
                            }
                        }
                        // the ascription hides exports it does not list; the inferred types keep resource identity
                        Map<String, Type> visible = new LinkedHashMap<>();
                        want.exports().keySet().forEach(k -> visible.put(k, got.exports().get(k)));
                        t = new InstanceType(visible);
                    }
                }
                Externs.declare(scope, false, ex.name(), t, where);
                scope.add(sort, t);
            }
        }
    }

    private static void coreInstance(Scope scope, CoreInstanceExpr expr, String where) {
        switch (expr) {
            case CoreInstanceExpr.Instantiate in -> {
                scope.checkIndex(Sort.CORE_MODULE, in.moduleIndex(), where);
                Set<String> names = new HashSet<>();
                for (CoreInstanceExpr.Arg arg : in.args()) {
                    if (!names.add(arg.name())) {
                        throw new InvalidComponentException(where + ": duplicate instantiation argument '" + arg.name() + "'");
                    }
                    scope.checkIndex(Sort.CORE_INSTANCE, arg.instanceIndex(), where + ", argument '" + arg.name() + "'");
                }
                CoreModuleType mt = scope.coreModules.get(in.moduleIndex());
                if (mt == null) {
                    scope.coreInstances.add(new CoreInstanceInfo(null));
                } else {
                    for (String key : mt.imports().keySet()) {
                        String module = CoreModuleType.importModule(key);
                        if (!names.contains(module)) {
                            throw new InvalidComponentException(where + ": core module " + in.moduleIndex() + " imports from '" + module + "', which no argument supplies");
                        }
                    }
                    Map<String, Sort> exports = new HashMap<>();
                    mt.exports().forEach((n, s) -> exports.put(n, coreSortNamed(s)));
                    scope.coreInstances.add(new CoreInstanceInfo(exports));
                }
            }
            case CoreInstanceExpr.InlineExports in -> {
                Map<String, Sort> exports = new HashMap<>();
                for (CoreInstanceExpr.CoreExport e : in.exports()) {
                    Sort s = e.target().sort();
                    switch (s) {
                        case CORE_FUNC, CORE_TABLE, CORE_MEMORY, CORE_GLOBAL, CORE_TAG -> { }
                        default -> throw new InvalidComponentException(where + ": core instance export '" + e.name() + "' of a " + s + " is not allowed");
                    }
                    scope.checkIndex(s, e.target().index(), where + ", export '" + e.name() + "'");
                    if (exports.put(e.name(), s) != null) {
                        throw new InvalidComponentException(where + ": duplicate core export name '" + e.name() + "'");
                    }
                }
                scope.coreInstances.add(new CoreInstanceInfo(exports));
            }
        }
    }

    private static Sort coreSortNamed(String name) {
        for (Sort s : Sort.values()) {
            if (s.toString().equals(name)) {
                return s;
            }
        }
        throw new IllegalStateException(name);
    }

    /**
     * The spec's subtyping of an instantiation argument (Explainer.md, "Type checking"): an instance
     * may export more than the import declares (names matter, order does not); functions and value
     * types must be equal, after the imported resources are replaced by the supplied ones; a
     * {@code (sub resource)} takes any resource type.
     */
    private static void checkSubtype(ResourceSubstitution substitution, Type wanted, Type given, String what) {
        switch (wanted) {
            case InstanceType want when given instanceof InstanceType got -> want.exports().forEach((name, w) -> {
                Type g = got.exports().get(name);
                if (g == null) {
                    throw new InvalidComponentException(what + " needs an instance exporting '" + name + "', which the argument lacks");
                }
                if (Aliases.sortOf(w) != Aliases.sortOf(g)) {
                    throw new InvalidComponentException(what + " needs export '" + name + "' to be a " + Aliases.sortOf(w)
                            + " but the argument's is a " + Aliases.sortOf(g));
                }
                checkSubtype(substitution, w, g, what + ", export '" + name + "'");
            });
            case ResourceType r -> {
                if (!(given instanceof ResourceType)) {
                    throw new InvalidComponentException(what + " needs a resource type but the argument is " + given);
                }
            }
            case FuncType f -> {
                if (!substitution.apply(f).equals(given)) {
                    throw new InvalidComponentException(what + " needs " + substitution.apply(f) + " but the argument is " + given
                            + sameTextHint(substitution.apply(f), given));
                }
            }
            case dev.wharf.engine.types.ValType v -> {
                if (!substitution.apply(v).equals(given)) {
                    throw new InvalidComponentException(what + " needs type " + substitution.apply(v) + " but the argument is " + given
                            + sameTextHint(substitution.apply(v), given));
                }
            }
            default -> { }
        }
    }

    private static String sameTextHint(Type wanted, Type given) {
        return wanted.toString().equals(given.toString()) ? " (same text, other resource types)" : "";
    }

    private static void instance(Scope scope, InstanceExpr expr, String where) {
        switch (expr) {
            case InstanceExpr.Instantiate in -> {
                scope.checkIndex(Sort.COMPONENT, in.componentIndex(), where);
                ComponentType ct = scope.components.get(in.componentIndex());
                Map<String, Type> args = new HashMap<>();
                for (InstanceExpr.Arg arg : in.args()) {
                    if (arg.target().sort().isCore() && arg.target().sort() != Sort.CORE_MODULE) {
                        throw new InvalidComponentException(where + ": instantiation argument '" + arg.name() + "' is a " + arg.target().sort());
                    }
                    if (arg.target().sort() == Sort.VALUE) {
                        throw new UnsupportedComponentFeatureException("value instantiation arguments", where);
                    }
                    Type t = scope.typeOf(arg.target().sort(), arg.target().index(), where + ", argument '" + arg.name() + "'");
                    if (args.put(arg.name(), t) != null) {
                        throw new InvalidComponentException(where + ": duplicate instantiation argument '" + arg.name() + "'");
                    }
                }
                ResourceSubstitution substitution = new ResourceSubstitution();
                for (Map.Entry<String, Type> imp : ct.imports().entrySet()) {
                    Type given = args.get(imp.getKey());
                    if (given == null) {
                        throw new InvalidComponentException(where + ": component " + in.componentIndex() + " import '" + imp.getKey() + "' is not supplied");
                    }
                    Sort want = Aliases.sortOf(imp.getValue());
                    Sort got = Aliases.sortOf(given);
                    if (want != got) {
                        throw new InvalidComponentException(where + ": component " + in.componentIndex() + " import '" + imp.getKey()
                                + "' needs a " + want + " but argument is a " + got);
                    }
                    substitution.bind(imp.getValue(), given);
                    checkSubtype(substitution, imp.getValue(), given,
                            where + ": component " + in.componentIndex() + " import '" + imp.getKey() + "'");
                }
                ct.exports().values().forEach(substitution::freshenDefined);
                InstanceType instance = (InstanceType) substitution.apply(new InstanceType(ct.exports()));
                instance.exports().forEach((name, t) -> {
                    if (t instanceof ResourceType r && Names.isLabel(name)) {
                        r.adoptName(name);
                    }
                });
                scope.instances.add(instance);
            }
            case InstanceExpr.InlineExports in -> {
                Scope bundle = new Scope(scope, Scope.Kind.INSTANCE_TYPE);
                for (InstanceExpr.Export e : in.exports()) {
                    Sort s = e.target().sort();
                    if (s == Sort.VALUE) {
                        throw new UnsupportedComponentFeatureException("value exports", where);
                    }
                    if (s.isCore() && s != Sort.CORE_MODULE) {
                        throw new InvalidComponentException(where + ": export '" + e.name().name() + "' of a " + s + " is not allowed");
                    }
                    Type t = scope.typeOf(s, e.target().index(), where + ", export '" + e.name().name() + "'");
                    Externs.declare(bundle, false, e.name(), t, where);
                }
                scope.instances.add(scope.metrics.check(new InstanceType(new LinkedHashMap<>(bundle.exports)), where));
            }
        }
    }
}
