package dev.wharf.engine.internal.validate;

import dev.wharf.engine.InvalidComponentException;
import dev.wharf.engine.UnsupportedComponentFeatureException;
import dev.wharf.engine.internal.binary.ast.CoreType;
import dev.wharf.engine.internal.binary.ast.Decl;
import dev.wharf.engine.internal.binary.ast.DefType;
import dev.wharf.engine.internal.binary.ast.ExternDesc;
import dev.wharf.engine.internal.binary.ast.PrimValType;
import dev.wharf.engine.internal.binary.ast.Sort;
import dev.wharf.engine.internal.binary.ast.ValTypeRef;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Resolves binary type definitions against a {@link Scope} into the public {@code dev.wharf.engine.types} model. */
final class TypeResolver {
    static final int MAX_FLAGS = 32;

    private TypeResolver() {}

    static ValType valType(Scope scope, ValTypeRef ref, String where) {
        return switch (ref) {
            case ValTypeRef.Prim p -> primitive(p.type(), where);
            case ValTypeRef.Idx i -> {
                scope.checkIndex(Sort.TYPE, i.index(), where);
                Type t = scope.types.get(i.index());
                if (!(t instanceof ValType v)) {
                    throw new InvalidComponentException(where + ": type index " + i.index() + " is not a value type (it is " + describe(t) + ")");
                }
                yield v;
            }
        };
    }

    static String describe(Type t) {
        return switch (t) {
            case ResourceType r -> "resource " + r.name();
            case InstanceType it -> "an instance type";
            case ComponentType ct -> "a component type";
            case CoreModuleType m -> "a core module type";
            default -> t.toString();
        };
    }

    static PrimitiveType primitive(PrimValType p, String where) {
        return switch (p) {
            case BOOL -> PrimitiveType.BOOL;
            case S8 -> PrimitiveType.S8;
            case U8 -> PrimitiveType.U8;
            case S16 -> PrimitiveType.S16;
            case U16 -> PrimitiveType.U16;
            case S32 -> PrimitiveType.S32;
            case U32 -> PrimitiveType.U32;
            case S64 -> PrimitiveType.S64;
            case U64 -> PrimitiveType.U64;
            case F32 -> PrimitiveType.F32;
            case F64 -> PrimitiveType.F64;
            case CHAR -> PrimitiveType.CHAR;
            case STRING -> PrimitiveType.STRING;
            case ERROR_CONTEXT -> throw new UnsupportedComponentFeatureException("error-context type", where);
        };
    }

    private static ResourceType resource(Scope scope, int index, String where) {
        scope.checkIndex(Sort.TYPE, index, where);
        Type t = scope.types.get(index);
        if (!(t instanceof ResourceType r)) {
            throw new InvalidComponentException(where + ": own/borrow of type index " + index + " which is not a resource type (it is " + describe(t) + ")");
        }
        return r;
    }

    private static String label(String label, Set<String> seen, String what, String where) {
        if (!Names.isLabel(label)) {
            throw new InvalidComponentException(where + ": " + what + " '" + label + "' is not a kebab-case label");
        }
        if (!seen.add(Names.uniquenessKey(label))) {
            throw new InvalidComponentException(where + ": duplicate " + what + " '" + label + "'");
        }
        return label;
    }

    /** Resolves a type definition; {@code typeIndex} is the index it will get (for naming resources). */
    static Type defType(Scope scope, DefType def, int typeIndex, String where) {
        return switch (def) {
            case DefType.Primitive p -> primitive(p.type(), where);
            case DefType.Record r -> {
                Set<String> seen = new HashSet<>();
                List<RecordType.Field> fields = new ArrayList<>(r.fields().size());
                for (DefType.Labeled l : r.fields()) {
                    fields.add(new RecordType.Field(label(l.label(), seen, "record field", where), valType(scope, l.type(), where)));
                }
                yield scope.metrics.check(new RecordType(fields), where);
            }
            case DefType.Variant v -> {
                Set<String> seen = new HashSet<>();
                List<VariantType.Case> cases = new ArrayList<>(v.cases().size());
                for (DefType.Case c : v.cases()) {
                    String l = label(c.label(), seen, "variant case", where);
                    Optional<ValType> payload = c.type().map(t -> valType(scope, t, where));
                    cases.add(new VariantType.Case(l, payload));
                }
                yield scope.metrics.check(new VariantType(cases), where);
            }
            case DefType.ListOf l -> scope.metrics.check(new ListType(valType(scope, l.element(), where)), where);
            case DefType.FixedList f -> throw new UnsupportedComponentFeatureException("fixed-size list type", where);
            case DefType.Tuple t -> {
                List<ValType> ts = new ArrayList<>(t.types().size());
                for (ValTypeRef ref : t.types()) {
                    ts.add(valType(scope, ref, where));
                }
                yield scope.metrics.check(new TupleType(ts), where);
            }
            case DefType.Flags f -> {
                if (f.labels().size() > MAX_FLAGS) {
                    throw new InvalidComponentException(where + ": flags type has " + f.labels().size() + " flags (at most " + MAX_FLAGS + " allowed)");
                }
                Set<String> seen = new HashSet<>();
                f.labels().forEach(l -> label(l, seen, "flag", where));
                yield new FlagsType(f.labels());
            }
            case DefType.Enum e -> {
                Set<String> seen = new HashSet<>();
                e.labels().forEach(l -> label(l, seen, "enum case", where));
                yield new EnumType(e.labels());
            }
            case DefType.Option o -> scope.metrics.check(new OptionType(valType(scope, o.type(), where)), where);
            case DefType.Result r -> scope.metrics.check(new ResultType(r.ok().map(t -> valType(scope, t, where)), r.err().map(t -> valType(scope, t, where))), where);
            case DefType.Own o -> new OwnType(resource(scope, o.typeIndex(), where));
            case DefType.Borrow b -> new BorrowType(resource(scope, b.typeIndex(), where));
            case DefType.Stream s -> throw new UnsupportedComponentFeatureException("stream type", where);
            case DefType.Future f -> throw new UnsupportedComponentFeatureException("future type", where);
            case DefType.MapOf m -> throw new UnsupportedComponentFeatureException("map type", where);
            case DefType.Func f -> funcType(scope, f, where);
            case DefType.Component c -> {
                Scope inner = new Scope(scope, Scope.Kind.COMPONENT_TYPE);
                declarators(inner, c.decls(), where + ", component type");
                yield scope.metrics.check(new ComponentType(inner.imports, inner.exports), where);
            }
            case DefType.Instance i -> {
                Scope inner = new Scope(scope, Scope.Kind.INSTANCE_TYPE);
                declarators(inner, i.decls(), where + ", instance type");
                yield scope.metrics.check(new InstanceType(inner.exports), where);
            }
            case DefType.Resource r -> {
                if (scope.kind != Scope.Kind.COMPONENT) {
                    throw new InvalidComponentException(where + ": resource type definitions are not allowed inside component or instance types");
                }
                if (r.destructor().isPresent()) {
                    scope.checkIndex(Sort.CORE_FUNC, r.destructor().get(), where + ", resource destructor");
                }
                ResourceType rt = new ResourceType("resource" + typeIndex, true);
                scope.definedResources.add(rt);
                yield rt;
            }
        };
    }

    static FuncType funcType(Scope scope, DefType.Func f, String where) {
        if (f.async()) {
            throw new UnsupportedComponentFeatureException("async function type", where);
        }
        Set<String> seen = new HashSet<>();
        List<FuncType.Param> params = new ArrayList<>(f.params().size());
        for (DefType.Labeled l : f.params()) {
            params.add(new FuncType.Param(label(l.label(), seen, "parameter", where), valType(scope, l.type(), where)));
        }
        Optional<ValType> result = f.result().map(t -> valType(scope, t, where));
        if (result.isPresent() && AbiShape.containsBorrow(result.get())) {
            throw new InvalidComponentException(where + ": function result type " + result.get() + " contains a borrow handle");
        }
        return scope.metrics.check(new FuncType(params, result, false), where);
    }

    /** Resolves an extern type; {@code name} names fresh abstract resources. */
    static Type externType(Scope scope, ExternDesc desc, String name, String where) {
        return switch (desc) {
            case ExternDesc.CoreModule m -> {
                scope.checkIndex(Sort.CORE_TYPE, m.coreTypeIndex(), where);
                Object t = scope.coreTypes.get(m.coreTypeIndex());
                if (!(t instanceof CoreModuleType cm)) {
                    throw new InvalidComponentException(where + ": core type index " + m.coreTypeIndex() + " is not a core module type");
                }
                yield cm;
            }
            case ExternDesc.Func f -> {
                scope.checkIndex(Sort.TYPE, f.typeIndex(), where);
                Type t = scope.types.get(f.typeIndex());
                if (!(t instanceof FuncType ft)) {
                    throw new InvalidComponentException(where + ": type index " + f.typeIndex() + " is not a function type (it is " + describe(t) + ")");
                }
                yield ft;
            }
            case ExternDesc.Value v -> throw new UnsupportedComponentFeatureException("value imports/exports", where);
            case ExternDesc.Type t -> {
                if (t.eq().isEmpty()) {
                    yield new ResourceType(resourceName(name), false);
                }
                scope.checkIndex(Sort.TYPE, t.eq().get(), where);
                yield scope.types.get(t.eq().get());
            }
            case ExternDesc.Component c -> {
                scope.checkIndex(Sort.TYPE, c.typeIndex(), where);
                Type t = scope.types.get(c.typeIndex());
                if (!(t instanceof ComponentType ct)) {
                    throw new InvalidComponentException(where + ": type index " + c.typeIndex() + " is not a component type (it is " + describe(t) + ")");
                }
                yield ct;
            }
            case ExternDesc.Instance i -> {
                scope.checkIndex(Sort.TYPE, i.typeIndex(), where);
                Type t = scope.types.get(i.typeIndex());
                if (!(t instanceof InstanceType it)) {
                    throw new InvalidComponentException(where + ": type index " + i.typeIndex() + " is not an instance type (it is " + describe(t) + ")");
                }
                yield it;
            }
        };
    }

    private static String resourceName(String name) {
        return name;
    }

    /** Validates the declarators of a component or instance type into {@code inner}. */
    static void declarators(Scope inner, List<Decl> decls, String where) {
        int i = 0;
        for (Decl d : decls) {
            String at = where + ", declarator " + i++;
            switch (d) {
                case Decl.CoreTypeDecl c -> inner.coreTypes.add(coreType(inner, c.type(), at));
                case Decl.TypeDecl t -> inner.types.add(defType(inner, t.type(), inner.types.size(), at));
                case Decl.AliasDecl a -> {
                    switch (a.alias()) {
                        case dev.wharf.engine.internal.binary.ast.Alias.InstanceExport e -> {
                            if (e.sort() != Sort.INSTANCE && e.sort() != Sort.TYPE) {
                                throw new InvalidComponentException(at + ": export aliases in types may only alias instances and types, not " + e.sort());
                            }
                        }
                        case dev.wharf.engine.internal.binary.ast.Alias.Outer o -> {
                            if (o.sort() != Sort.CORE_TYPE && o.sort() != Sort.TYPE) {
                                throw new InvalidComponentException(at + ": outer aliases in types may only alias core types and types, not " + o.sort());
                            }
                        }
                        case dev.wharf.engine.internal.binary.ast.Alias.CoreInstanceExport c ->
                                throw new InvalidComponentException(at + ": core export aliases are not allowed in types");
                    }
                    Aliases.apply(inner, a.alias(), at);
                }
                case Decl.ImportDecl im -> {
                    Type t = externType(inner, im.desc(), im.name().name(), at);
                    Externs.declare(inner, true, im.name(), t, at);
                    inner.add(im.desc().sort(), t);
                }
                case Decl.ExportDecl ex -> {
                    Type t = externType(inner, ex.desc(), ex.name().name(), at);
                    Externs.declare(inner, false, ex.name(), t, at);
                    inner.add(ex.desc().sort(), t);
                }
            }
        }
    }

    /** Resolves a core type definition: a core function type stays AST, a module type becomes {@link CoreModuleType}. */
    static Object coreType(Scope scope, CoreType type, String where) {
        return switch (type) {
            case CoreType.Func f -> f;
            case CoreType.Module m -> moduleType(scope, m, where);
        };
    }

    private static CoreModuleType moduleType(Scope scope, CoreType.Module m, String where) {
        List<Object> types = new ArrayList<>();
        Map<String, String> imports = new LinkedHashMap<>();
        Map<String, String> exports = new LinkedHashMap<>();
        for (CoreType.ModuleDecl d : m.decls()) {
            switch (d) {
                case CoreType.TypeDecl t -> {
                    if (t.type() instanceof CoreType.Module) {
                        throw new InvalidComponentException(where + ": core module types may not be nested in core module types");
                    }
                    types.add(t.type());
                }
                case CoreType.OuterTypeAlias a -> {
                    Scope target = a.count() == 0 ? null : scope.outer(a.count() - 1);
                    if (a.count() == 0) {
                        if (a.index() >= types.size()) {
                            throw new InvalidComponentException(where + ": outer alias of core type " + a.index() + " is out of range");
                        }
                        types.add(types.get(a.index()));
                    } else {
                        if (target == null) {
                            throw new InvalidComponentException(where + ": outer alias count " + a.count() + " exceeds the enclosing scopes");
                        }
                        target.checkIndex(Sort.CORE_TYPE, a.index(), where);
                        Object t = target.coreTypes.get(a.index());
                        if (t instanceof CoreModuleType) {
                            throw new InvalidComponentException(where + ": core module types may not be aliased into core module types");
                        }
                        types.add(t);
                    }
                }
                case CoreType.ImportDecl im -> {
                    checkCoreDesc(im.desc(), types, where);
                    String key = CoreModuleType.importKey(im.module(), im.name());
                    if (imports.put(key, im.desc().sort().toString()) != null) {
                        throw new InvalidComponentException(where + ": duplicate core import '" + im.module() + "' '" + im.name() + "'");
                    }
                }
                case CoreType.ExportDecl ex -> {
                    checkCoreDesc(ex.desc(), types, where);
                    if (exports.put(ex.name(), ex.desc().sort().toString()) != null) {
                        throw new InvalidComponentException(where + ": duplicate core export '" + ex.name() + "'");
                    }
                }
            }
        }
        return new CoreModuleType(imports, exports);
    }

    private static void checkCoreDesc(CoreType.CoreExternDesc desc, List<Object> types, String where) {
        int idx = switch (desc) {
            case CoreType.FuncDesc f -> f.typeIndex();
            case CoreType.TagDesc t -> t.typeIndex();
            default -> -1;
        };
        if (idx >= 0) {
            if (idx >= types.size()) {
                throw new InvalidComponentException(where + ": core type index " + idx + " is out of range (the module type has " + types.size() + " types)");
            }
            if (!(types.get(idx) instanceof CoreType.Func)) {
                throw new InvalidComponentException(where + ": core type index " + idx + " is not a core function type");
            }
        }
    }

}
