package dev.wharf.engine.internal.validate;

import dev.wharf.engine.InvalidComponentException;
import dev.wharf.engine.UnsupportedComponentFeatureException;
import dev.wharf.engine.internal.binary.ast.Canon;
import dev.wharf.engine.internal.binary.ast.Sort;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.Type;
import dev.wharf.engine.types.ValType;

/** Validates canonical definitions (CanonicalABI.md "Canonical definitions") and adds their function. */
final class Canons {
    private Canons() {}

    static void apply(Scope scope, Canon canon, String where) {
        switch (canon) {
            case Canon.Lift l -> {
                scope.checkIndex(Sort.CORE_FUNC, l.coreFuncIndex(), where);
                scope.checkIndex(Sort.TYPE, l.typeIndex(), where);
                Type t = scope.types.get(l.typeIndex());
                if (!(t instanceof FuncType ft)) {
                    throw new InvalidComponentException(where + ": canon lift type index " + l.typeIndex()
                            + " is not a function type (it is " + TypeResolver.describe(t) + ")");
                }
                CanonOptions opts = CanonOptions.of(scope, l.options(), where);
                boolean paramsInMemory = ft.params().stream().anyMatch(p -> AbiShape.usesMemory(p.type()));
                boolean resultInMemory = ft.result().map(AbiShape::usesMemory).orElse(false);
                boolean spillParams = AbiShape.flatParams(ft) > AbiShape.MAX_FLAT_PARAMS;
                boolean spillResults = AbiShape.flatResults(ft) > AbiShape.MAX_FLAT_RESULTS;
                if ((paramsInMemory || resultInMemory || spillParams || spillResults) && opts.memory().isEmpty()) {
                    throw new InvalidComponentException(where + ": canon lift of " + ft + " needs a memory option");
                }
                if ((paramsInMemory || spillParams) && opts.realloc().isEmpty()) {
                    throw new InvalidComponentException(where + ": canon lift of " + ft + " needs a realloc option");
                }
                scope.funcs.add(ft);
            }
            case Canon.Lower l -> {
                scope.checkIndex(Sort.FUNC, l.funcIndex(), where);
                FuncType ft = scope.funcs.get(l.funcIndex());
                CanonOptions opts = CanonOptions.of(scope, l.options(), where);
                if (opts.postReturn().isPresent()) {
                    throw new InvalidComponentException(where + ": post-return is only allowed on canon lift");
                }
                boolean paramsInMemory = ft.params().stream().anyMatch(p -> AbiShape.usesMemory(p.type()));
                boolean resultInMemory = ft.result().map(AbiShape::usesMemory).orElse(false);
                boolean spillParams = AbiShape.flatParams(ft) > AbiShape.MAX_FLAT_PARAMS;
                boolean spillResults = AbiShape.flatResults(ft) > AbiShape.MAX_FLAT_RESULTS;
                if ((paramsInMemory || resultInMemory || spillParams || spillResults) && opts.memory().isEmpty()) {
                    throw new InvalidComponentException(where + ": canon lower of func " + l.funcIndex() + " " + ft + " needs a memory option");
                }
                if (resultInMemory && opts.realloc().isEmpty()) {
                    throw new InvalidComponentException(where + ": canon lower of func " + l.funcIndex() + " " + ft + " needs a realloc option");
                }
                scope.coreFuncs++;
            }
            case Canon.ResourceNew r -> {
                definedResource(scope, r.typeIndex(), "resource.new", where);
                scope.coreFuncs++;
            }
            case Canon.ResourceRep r -> {
                definedResource(scope, r.typeIndex(), "resource.rep", where);
                scope.coreFuncs++;
            }
            case Canon.ResourceDrop d -> {
                if (d.async()) {
                    throw new UnsupportedComponentFeatureException("async resource.drop", where);
                }
                resource(scope, d.typeIndex(), "resource.drop", where);
                scope.coreFuncs++;
            }
            case Canon.Builtin b -> throw new UnsupportedComponentFeatureException("canon " + b.name(), where);
        }
    }

    private static ResourceType resource(Scope scope, int typeIndex, String op, String where) {
        scope.checkIndex(Sort.TYPE, typeIndex, where);
        Type t = scope.types.get(typeIndex);
        if (!(t instanceof ResourceType r)) {
            throw new InvalidComponentException(where + ": " + op + " of type index " + typeIndex + ", which is not a resource type (it is "
                    + (t instanceof ValType ? t.toString() : TypeResolver.describe(t)) + ")");
        }
        return r;
    }

    private static void definedResource(Scope scope, int typeIndex, String op, String where) {
        ResourceType r = resource(scope, typeIndex, op, where);
        if (!scope.definedResources.contains(r)) {
            throw new InvalidComponentException(where + ": " + op + " of resource " + r.name() + ", which is not defined by this component");
        }
    }
}
