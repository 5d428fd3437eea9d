package dev.wharf.engine.internal.link;

import dev.wharf.engine.InvalidComponentException;
import dev.wharf.engine.UnsupportedComponentFeatureException;
import dev.wharf.engine.core.CoreEngine;
import dev.wharf.engine.core.CoreExportDescriptor;
import dev.wharf.engine.core.CoreImportDescriptor;
import dev.wharf.engine.core.CoreModule;
import dev.wharf.engine.core.ExternKind;
import dev.wharf.engine.internal.abi.FunctionAbi;
import dev.wharf.engine.internal.abi.StringEncoding;
import dev.wharf.engine.internal.binary.ast.Alias;
import dev.wharf.engine.internal.binary.ast.Canon;
import dev.wharf.engine.internal.binary.ast.CanonOpt;
import dev.wharf.engine.internal.binary.ast.ComponentAst;
import dev.wharf.engine.internal.binary.ast.CoreInstanceExpr;
import dev.wharf.engine.internal.binary.ast.DefType;
import dev.wharf.engine.internal.binary.ast.Definition;
import dev.wharf.engine.internal.binary.ast.ExternDesc;
import dev.wharf.engine.internal.binary.ast.InstanceExpr;
import dev.wharf.engine.internal.binary.ast.Sort;
import dev.wharf.engine.internal.binary.ast.SortIdx;
import dev.wharf.engine.internal.validate.ValidatedComponent;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.InstanceType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.Type;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a validated component into a {@link ComponentPlanData}: walks the definitions once,
 * keeping every index space as plan-time items, and emits steps for what must happen at run time.
 *
 * <p>Nested components are flattened (what wasmtime's inliner does): {@code (instance (instantiate
 * $c ...))} walks {@code $c}'s definitions again with its imports bound to the arguments, so the
 * component instances and component-level aliases disappear and only core instances, canonical
 * functions and lifted exports remain. Each instantiation of a nested component is a run-time
 * component instance of its own (own core instances, handle table, fresh resource types, {@code
 * may_enter}); the types the validator resolved for the definition are mapped to the
 * instantiation's actual ones ({@link PlanScope#actual}). Lowering a function another instance lifts
 * becomes a lift-then-lower adapter ({@link Step.LowerLifted}).
 */
public final class Planner {

    // ---- plan-time items of the component-level index spaces ----

    /** A component function: lifted by this component, or imported from the host. */
    sealed interface Func {}

    record Lifted(int lift) implements Func {}

    record Host(int hostImport) implements Func {}

    /** A component instance known at plan time: its exports by name. */
    record Instance(Map<String, Object> exports) {}

    /** A type: only counted (types are resolved by the validator). */
    record TypeItem(Type type) {}

    /**
     * A component definition together with the scope it was defined in (for outer aliases) and its
     * validation (its own resolved index spaces, in terms of its abstract imported types).
     */
    record ComponentItem(ComponentAst ast, PlanScope definedIn, ValidatedComponent validated) {}

    /** A core module: index into the compiled modules. */
    record ModuleItem(int index) {}

    /** A core instance: a real instantiation (run-time slot) or a bundle of items (plan-time only). */
    sealed interface CoreInst {}

    record RealInstance(int slot, int module) implements CoreInst {}

    record Bundle(Map<String, CoreRef> exports) implements CoreInst {}

    private final CoreEngine engine;
    private final List<CoreModule> modules = new ArrayList<>();
    private final Map<String, Integer> moduleByDigest = new HashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<HostImport> hostImports = new ArrayList<>();
    private final List<ImportedResource> importedResources = new ArrayList<>();
    private final List<LiftPlan> lifts = new ArrayList<>();
    private final Map<String, Map<String, Integer>> exports = new LinkedHashMap<>();
    private final List<dev.wharf.engine.core.FuncType> loweredCoreTypes = new ArrayList<>();
    private final List<dev.wharf.engine.core.FuncType> builtinCoreTypes = new ArrayList<>();
    private int slots;
    private final List<Integer> instanceParents = new ArrayList<>(List.of(-1));
    private int lowered;
    private int builtins;

    private Planner(CoreEngine engine) {
        this.engine = engine;
    }

    /** Plans {@code component}, compiling its core modules with {@code engine}. */
    public static ComponentPlanData plan(CoreEngine engine, ValidatedComponent component) {
        Planner p = new Planner(engine);
        PlanScope top = new PlanScope(null, true, Map.of(), component, 0);
        p.walk(component.ast(), top);
        return new ComponentPlanData(p.modules, p.steps, p.slots, p.instanceParents, p.lowered, p.builtins, p.hostImports, p.importedResources, p.lifts, p.exports);
    }

    private void walk(ComponentAst ast, PlanScope scope) {
        for (Definition def : ast.definitions()) {
            definition(ast, scope, def);
        }
    }

    private static String at(Definition def) {
        return "definition at offset " + def.offset();
    }

    private void definition(ComponentAst ast, PlanScope scope, Definition def) {
        String where = at(def);
        switch (def) {
            case Definition.Custom c -> { }
            case Definition.CoreTypeDef t -> scope.space(Sort.CORE_TYPE).add(t);
            case Definition.CoreModule m -> scope.space(Sort.CORE_MODULE).add(new ModuleItem(compile(ast.coreModuleBytes(m))));
            case Definition.CoreInstance ci -> scope.space(Sort.CORE_INSTANCE).add(coreInstance(scope, ci.expr(), where));
            case Definition.NestedComponent n -> scope.space(Sort.COMPONENT).add(
                    new ComponentItem(n.component(), scope, scope.validated.nested().get(scope.nestedDefinitions++)));
            case Definition.Instance i -> scope.add(Sort.INSTANCE, instance(scope, i.expr(), where));
            case Definition.AliasDef a -> alias(scope, a.alias(), where);
            case Definition.TypeDef t -> typeDef(scope, t, where);
            case Definition.CanonDef c -> canon(scope, c.canon(), where);
            case Definition.Start s -> throw new UnsupportedComponentFeatureException("start definitions", where);
            case Definition.Values v -> throw new UnsupportedComponentFeatureException("value definitions", where);
            case Definition.Import im -> importDef(scope, im, where);
            case Definition.Export ex -> exportDef(scope, ex, where);
        }
    }

    private int compile(byte[] bytes) {
        CoreModule module = engine.compile(bytes);
        Integer known = moduleByDigest.get(module.digest());
        if (known != null) {
            return known;
        }
        modules.add(module);
        moduleByDigest.put(module.digest(), modules.size() - 1);
        return modules.size() - 1;
    }

    // ---- core instances ----

    private CoreInst coreInstance(PlanScope scope, CoreInstanceExpr expr, String where) {
        return switch (expr) {
            case CoreInstanceExpr.Instantiate in -> {
                int module = ((ModuleItem) scope.get(Sort.CORE_MODULE, in.moduleIndex(), where)).index();
                Map<String, CoreInst> args = new HashMap<>();
                for (CoreInstanceExpr.Arg arg : in.args()) {
                    args.put(arg.name(), (CoreInst) scope.get(Sort.CORE_INSTANCE, arg.instanceIndex(), where));
                }
                List<Step.Link> links = new ArrayList<>();
                for (CoreImportDescriptor imp : modules.get(module).imports()) {
                    CoreInst from = args.get(imp.module());
                    if (from == null) {
                        throw new InvalidComponentException(where + ": no instantiation argument '" + imp.module()
                                + "' for the module's import " + imp.module() + "." + imp.name());
                    }
                    Sort sort = sortOf(imp.kind(), where);
                    CoreRef source = coreExport(from, imp.name(), sort, where);
                    checkHostFunctionType(imp, source, where);
                    links.add(new Step.Link(imp.module(), imp.name(), sort, source));
                }
                int slot = slots++;
                steps.add(new Step.InstantiateModule(slot, module, links));
                yield new RealInstance(slot, module);
            }
            case CoreInstanceExpr.InlineExports in -> {
                Map<String, CoreRef> items = new LinkedHashMap<>();
                for (CoreInstanceExpr.CoreExport e : in.exports()) {
                    Object item = scope.get(e.target().sort(), e.target().index(), where);
                    if (!(item instanceof CoreRef ref)) {
                        throw new UnsupportedComponentFeatureException("bundling a " + e.target().sort() + " into a core instance", where);
                    }
                    items.put(e.name(), ref);
                }
                yield new Bundle(items);
            }
        };
    }

    /**
     * A lowered import or resource built-in has a fixed core signature; a module importing it with
     * another one is invalid, and saying so here beats a link failure at every instantiation.
     */
    private void checkHostFunctionType(CoreImportDescriptor imp, CoreRef source, String where) {
        dev.wharf.engine.core.FuncType have = switch (source) {
            case CoreRef.Lowered l -> loweredCoreTypes.get(l.index());
            case CoreRef.Builtin b -> builtinCoreTypes.get(b.index());
            case CoreRef.Export e -> null;
        };
        if (have == null) {
            return;
        }
        if (imp.kind() != ExternKind.FUNCTION) {
            throw new InvalidComponentException(where + ": import " + imp.module() + "." + imp.name() + " is a "
                    + imp.kind() + " but is given a function");
        }
        if (!have.equals(imp.funcType())) {
            throw new InvalidComponentException(where + ": import " + imp.module() + "." + imp.name() + " has core type "
                    + imp.funcType() + " but is given a canonical function of type " + have);
        }
    }

    private CoreRef coreExport(CoreInst instance, String name, Sort sort, String where) {
        return switch (instance) {
            case RealInstance r -> {
                boolean found = false;
                for (CoreExportDescriptor e : modules.get(r.module()).exports()) {
                    if (e.name().equals(name) && sortOf(e.kind(), where) == sort) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    throw new InvalidComponentException(where + ": core instance has no " + sort + " export '" + name + "'");
                }
                yield new CoreRef.Export(r.slot(), name, sort);
            }
            case Bundle b -> {
                CoreRef ref = b.exports().get(name);
                if (ref == null) {
                    throw new InvalidComponentException(where + ": core instance has no export '" + name + "'");
                }
                yield ref;
            }
        };
    }

    private static Sort sortOf(ExternKind kind, String where) {
        return switch (kind) {
            case FUNCTION -> Sort.CORE_FUNC;
            case TABLE -> Sort.CORE_TABLE;
            case MEMORY -> Sort.CORE_MEMORY;
            case GLOBAL -> Sort.CORE_GLOBAL;
            case TAG -> throw new UnsupportedComponentFeatureException("core tags (exception handling) across core instances", where);
        };
    }

    // ---- component instances ----

    private Instance instance(PlanScope scope, InstanceExpr expr, String where) {
        return switch (expr) {
            case InstanceExpr.Instantiate in -> {
                ComponentItem c = (ComponentItem) scope.get(Sort.COMPONENT, in.componentIndex(), where);
                Map<String, Object> args = new HashMap<>();
                for (InstanceExpr.Arg arg : in.args()) {
                    args.put(arg.name(), scope.get(arg.target().sort(), arg.target().index(), where));
                }
                instanceParents.add(scope.instance);
                PlanScope inner = new PlanScope(c.definedIn(), false, args, c.validated(), instanceParents.size() - 1);
                walk(c.ast(), inner);
                yield new Instance(inner.exports);
            }
            case InstanceExpr.InlineExports in -> {
                Map<String, Object> items = new LinkedHashMap<>();
                for (InstanceExpr.Export e : in.exports()) {
                    items.put(e.name().name(), scope.get(e.target().sort(), e.target().index(), where));
                }
                yield new Instance(items);
            }
        };
    }

    // ---- aliases ----

    private void alias(PlanScope scope, Alias alias, String where) {
        Object item = switch (alias) {
            case Alias.InstanceExport ie -> {
                Instance inst = (Instance) scope.get(Sort.INSTANCE, ie.instanceIndex(), where);
                Object it = inst.exports().get(ie.name());
                if (it == null) {
                    throw new InvalidComponentException(where + ": instance has no export '" + ie.name() + "'");
                }
                yield it;
            }
            case Alias.CoreInstanceExport ce -> {
                if (ce.sort() == Sort.CORE_TAG) {
                    throw new UnsupportedComponentFeatureException("core tags (exception handling) across core instances", where);
                }
                yield coreExport((CoreInst) scope.get(Sort.CORE_INSTANCE, ce.coreInstanceIndex(), where), ce.name(), ce.sort(), where);
            }
            case Alias.Outer o -> {
                PlanScope target = scope;
                for (int i = 0; i < o.count(); i++) {
                    target = target == null ? null : target.parent;
                }
                if (target == null) {
                    throw new InvalidComponentException(where + ": outer alias count " + o.count() + " leaves the outermost component");
                }
                yield target.get(o.sort(), o.index(), where);
            }
        };
        scope.add(alias.sort(), item);
    }

    // ---- types ----

    private void typeDef(PlanScope scope, Definition.TypeDef t, String where) {
        int index = scope.space(Sort.TYPE).size();
        Type validatedType = scope.validated.types().get(index);
        if (t.type() instanceof DefType.Resource r) {
            ResourceType defined = (ResourceType) validatedType;
            // resource types are generative: each instantiation of a nested component defines a new one
            ResourceType type = scope.outermost ? defined : new ResourceType(defined.name(), true);
            CoreRef.Export dtor = null;
            if (r.destructor().isPresent()) {
                dtor = exportedCoreFunc(scope, r.destructor().get(), "resource destructor", where);
            }
            steps.add(new Step.DefineResource(scope.instance, type, dtor));
            scope.add(Sort.TYPE, new TypeItem(type));
            return;
        }
        scope.add(Sort.TYPE, new TypeItem(scope.actual(validatedType)));
    }

    private CoreRef.Export exportedCoreFunc(PlanScope scope, int coreFuncIndex, String role, String where) {
        Object item = scope.get(Sort.CORE_FUNC, coreFuncIndex, where);
        if (item instanceof CoreRef.Export e) {
            return e;
        }
        throw new UnsupportedComponentFeatureException(role + " that is not a core module's export (" + item + ")", where);
    }

    private CoreRef.Export exportedCoreMemory(PlanScope scope, int index, String where) {
        Object item = scope.get(Sort.CORE_MEMORY, index, where);
        if (item instanceof CoreRef.Export e) {
            return e;
        }
        throw new InvalidComponentException(where + ": memory option is not a core memory");
    }

    // ---- canonical definitions ----

    private void canon(PlanScope scope, Canon canon, String where) {
        switch (canon) {
            case Canon.Lift lift -> {
                FuncType type = (FuncType) scope.actual(scope.validated.types().get(lift.typeIndex()));
                if (type.async()) {
                    throw new UnsupportedComponentFeatureException("async canon lift", where);
                }
                CoreRef.Export function = exportedCoreFunc(scope, lift.coreFuncIndex(), "lifting a core function", where);
                int index = lifts.size();
                lifts.add(new LiftPlan("lifted function " + scope.space(Sort.FUNC).size() + " (core export '" + function.name() + "')", scope.instance, function, options(scope, lift.options(), where),
                        FunctionAbi.of(type)));
                scope.space(Sort.FUNC).add(new Lifted(index));
            }
            case Canon.Lower lower -> {
                Object f = scope.get(Sort.FUNC, lower.funcIndex(), where);
                int index = lowered++;
                switch ((Func) f) {
                    case Host host -> {
                        FuncType type = hostImports.get(host.hostImport()).type();
                        loweredCoreTypes.add(FunctionAbi.of(type).coreTypeForLower());
                        steps.add(new Step.LowerImport(index, scope.instance, host.hostImport(), options(scope, lower.options(), where),
                                FunctionAbi.of(type)));
                    }
                    case Lifted lifted -> {
                        // a component-to-component call: lift out of the callee, lower into the caller
                        FunctionAbi abi = lifts.get(lifted.lift()).abi();
                        loweredCoreTypes.add(abi.coreTypeForLower());
                        steps.add(new Step.LowerLifted(index, scope.instance, lifted.lift(), options(scope, lower.options(), where), abi));
                    }
                }
                scope.space(Sort.CORE_FUNC).add(new CoreRef.Lowered(index));
            }
            case Canon.ResourceNew rn -> builtin(scope, Step.BuiltinKind.NEW, rn.typeIndex(), where);
            case Canon.ResourceRep rr -> builtin(scope, Step.BuiltinKind.REP, rr.typeIndex(), where);
            case Canon.ResourceDrop rd -> {
                if (rd.async()) {
                    throw new UnsupportedComponentFeatureException("async resource.drop", where);
                }
                builtin(scope, Step.BuiltinKind.DROP, rd.typeIndex(), where);
            }
            case Canon.Builtin b -> throw new UnsupportedComponentFeatureException("canon " + b.name(), where);
        }
    }

    private void builtin(PlanScope scope, Step.BuiltinKind kind, int typeIndex, String where) {
        ResourceType type = (ResourceType) scope.actual(scope.validated.types().get(typeIndex));
        int index = builtins++;
        builtinCoreTypes.add(kind == Step.BuiltinKind.DROP ? Instantiator.I32_TO_NONE : Instantiator.I32_TO_I32);
        steps.add(new Step.ResourceBuiltin(index, scope.instance, kind, type));
        scope.space(Sort.CORE_FUNC).add(new CoreRef.Builtin(index));
    }

    private CanonOptionsPlan options(PlanScope scope, List<CanonOpt> opts, String where) {
        CoreRef.Export memory = null;
        CoreRef.Export realloc = null;
        CoreRef.Export postReturn = null;
        StringEncoding encoding = StringEncoding.UTF8;
        for (CanonOpt opt : opts) {
            switch (opt) {
                case CanonOpt.StringEncoding e -> encoding = switch (e.encoding()) {
                    case UTF8 -> StringEncoding.UTF8;
                    case UTF16 -> StringEncoding.UTF16;
                    case LATIN1_UTF16 -> StringEncoding.LATIN1_UTF16;
                };
                case CanonOpt.Memory m -> memory = exportedCoreMemory(scope, m.coreMemoryIndex(), where);
                case CanonOpt.Realloc r -> realloc = exportedCoreFunc(scope, r.coreFuncIndex(), "realloc", where);
                case CanonOpt.PostReturn p -> postReturn = exportedCoreFunc(scope, p.coreFuncIndex(), "post-return", where);
                case CanonOpt.Async a -> throw new UnsupportedComponentFeatureException("async canonical option", where);
                case CanonOpt.Callback c -> throw new UnsupportedComponentFeatureException("async callback option", where);
            }
        }
        return new CanonOptionsPlan(memory, realloc, postReturn, encoding);
    }

    // ---- imports and exports ----

    private void importDef(PlanScope scope, Definition.Import im, String where) {
        String name = im.name().name();
        Sort sort = im.desc().sort();
        if (!scope.outermost) {
            Object arg = scope.args.get(name);
            if (arg == null) {
                if (sort == Sort.TYPE) {
                    arg = new TypeItem(scope.actual(scope.validated.types().get(scope.space(Sort.TYPE).size())));
                } else {
                    throw new InvalidComponentException(where + ": nested component instantiated without argument '" + name + "'");
                }
            }
            scope.add(sort, arg);
            return;
        }
        switch (im.desc()) {
            case ExternDesc.Func f -> {
                FuncType type = scope.validated.funcs().get(scope.space(Sort.FUNC).size());
                scope.space(Sort.FUNC).add(hostFunction("", name, type));
            }
            case ExternDesc.Instance i -> {
                InstanceType type = scope.validated.instances().get(scope.space(Sort.INSTANCE).size());
                Map<String, Object> items = new LinkedHashMap<>();
                for (Map.Entry<String, Type> e : type.exports().entrySet()) {
                    items.put(e.getKey(), switch (e.getValue()) {
                        case FuncType ft -> hostFunction(name, e.getKey(), ft);
                        case InstanceType it -> throw new UnsupportedComponentFeatureException(
                                "imported instances exporting instances", where + " (" + name + "." + e.getKey() + ")");
                        case ResourceType r -> {
                            importedResource(name, e.getKey(), r);
                            yield new TypeItem(r);
                        }
                        default -> new TypeItem(e.getValue());
                    });
                }
                scope.add(Sort.INSTANCE, new Instance(items));
            }
            case ExternDesc.Type t -> {
                Type type = scope.validated.types().get(scope.space(Sort.TYPE).size());
                if (type instanceof ResourceType r) {
                    importedResource("", name, r);
                }
                scope.add(Sort.TYPE, new TypeItem(type));
            }
            case ExternDesc.CoreModule m -> throw new UnsupportedComponentFeatureException("importing a core module", where);
            case ExternDesc.Component c -> throw new UnsupportedComponentFeatureException("importing a component", where);
            case ExternDesc.Value v -> throw new UnsupportedComponentFeatureException("value imports", where);
        }
    }

    /** Records an imported resource type once (an interface may re-export another's type with {@code eq}). */
    private void importedResource(String iface, String name, ResourceType type) {
        if (type.defined()) {
            return;
        }
        for (ImportedResource r : importedResources) {
            if (r.type() == type) {
                return;
            }
        }
        importedResources.add(new ImportedResource(iface, name, type));
    }

    private Host hostFunction(String iface, String function, FuncType type) {
        if (type.async()) {
            throw new UnsupportedComponentFeatureException("async function imports", iface + "#" + function);
        }
        hostImports.add(new HostImport(iface, function, type));
        return new Host(hostImports.size() - 1);
    }

    private void exportDef(PlanScope scope, Definition.Export ex, String where) {
        SortIdx target = ex.target();
        Object item = scope.get(target.sort(), target.index(), where);
        String name = ex.name().name();
        scope.add(target.sort(), item);
        scope.exports.put(name, item);
        if (!scope.outermost) {
            return;
        }
        if (item instanceof Lifted l) {
            exports.computeIfAbsent("", k -> new LinkedHashMap<>()).put(name, l.lift());
        } else if (item instanceof Instance inst) {
            Map<String, Integer> functions = new LinkedHashMap<>();
            inst.exports().forEach((fn, it) -> {
                if (it instanceof Lifted l) {
                    functions.put(fn, l.lift());
                }
            });
            exports.put(name, functions);
        }
    }
}
