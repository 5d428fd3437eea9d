package dev.wharf.engine.internal.validate;

import dev.wharf.engine.InvalidComponentException;
import dev.wharf.engine.internal.binary.ast.CoreType;
import dev.wharf.engine.internal.binary.ast.Sort;
import dev.wharf.engine.types.ComponentType;
import dev.wharf.engine.types.CoreModuleType;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.InstanceType;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.types.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import java.util.IdentityHashMap;

/**
 * The index spaces of one scope (a component, a component type or an instance type), built
 * incrementally in definition order, plus the imports/exports declared in it.
 */
public final class Scope {
    public enum Kind { COMPONENT, COMPONENT_TYPE, INSTANCE_TYPE }

    final Scope parent;
    final Kind kind;

    /** Core modules: the module type when known (imported or aliased), null for inline modules. */
    final List<CoreModuleType> coreModules = new ArrayList<>();
    final List<CoreInstanceInfo> coreInstances = new ArrayList<>();
    int coreFuncs;
    int coreTables;
    int coreMemories;
    int coreGlobals;
    int coreTags;
    /** Core types: {@link CoreType.Func} or {@link CoreModuleType}. */
    final List<Object> coreTypes = new ArrayList<>();
    final List<ComponentType> components = new ArrayList<>();
    final List<InstanceType> instances = new ArrayList<>();
    final List<FuncType> funcs = new ArrayList<>();
    int values;
    final List<Type> types = new ArrayList<>();

    /** Resources defined (not imported) in this component: resource.new/rep apply only to these. */
    final Set<ResourceType> definedResources = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Validated nested component definitions (section 4), in order; components only. */
    final List<Scope> nestedComponents = new ArrayList<>();
    /** The AST this scope validated (components only). */
    dev.wharf.engine.internal.binary.ast.ComponentAst ast;

    final Map<String, Type> imports = new LinkedHashMap<>();
    final Map<String, Type> exports = new LinkedHashMap<>();
    final Map<String, String> importKeys = new HashMap<>();
    final Map<String, String> exportKeys = new HashMap<>();

    /** Shared by a component and all scopes nested in it. */
    final TypeMetrics metrics;

    Scope(Scope parent, Kind kind) {
        this.parent = parent;
        this.kind = kind;
        this.metrics = parent == null ? new TypeMetrics() : parent.metrics;
    }

    int size(Sort sort) {
        return switch (sort) {
            case CORE_FUNC -> coreFuncs;
            case CORE_TABLE -> coreTables;
            case CORE_MEMORY -> coreMemories;
            case CORE_GLOBAL -> coreGlobals;
            case CORE_TAG -> coreTags;
            case CORE_TYPE -> coreTypes.size();
            case CORE_MODULE -> coreModules.size();
            case CORE_INSTANCE -> coreInstances.size();
            case FUNC -> funcs.size();
            case VALUE -> values;
            case TYPE -> types.size();
            case COMPONENT -> components.size();
            case INSTANCE -> instances.size();
        };
    }

    void checkIndex(Sort sort, long index, String where) {
        if (index < 0 || index >= size(sort)) {
            throw new InvalidComponentException(where + ": " + sort + " index " + index + " is out of range (the "
                    + sort + " index space has " + size(sort) + " entries)");
        }
    }

    /** Adds one entry to a core sort space that validation tracks only by count. */
    void addCore(Sort sort) {
        switch (sort) {
            case CORE_FUNC -> coreFuncs++;
            case CORE_TABLE -> coreTables++;
            case CORE_MEMORY -> coreMemories++;
            case CORE_GLOBAL -> coreGlobals++;
            case CORE_TAG -> coreTags++;
            default -> throw new IllegalArgumentException(sort.toString());
        }
    }

    /** The type-level view of entry {@code index} of {@code sort}, for exports and inline instances. */
    Type typeOf(Sort sort, int index, String where) {
        checkIndex(sort, index, where);
        return switch (sort) {
            case FUNC -> funcs.get(index);
            case TYPE -> types.get(index);
            case COMPONENT -> components.get(index);
            case INSTANCE -> instances.get(index);
            case CORE_MODULE -> {
                CoreModuleType m = coreModules.get(index);
                yield m != null ? m : new CoreModuleType(Map.of(), Map.of());
            }
            default -> throw new InvalidComponentException(where + ": a " + sort + " cannot be exported from a component or component instance");
        };
    }

    /** Appends a type-level entry to the space of its sort. */
    void add(Sort sort, Type type) {
        switch (sort) {
            case FUNC -> funcs.add((FuncType) type);
            case TYPE -> types.add(type);
            case COMPONENT -> components.add((ComponentType) type);
            case INSTANCE -> instances.add((InstanceType) type);
            case CORE_MODULE -> coreModules.add((CoreModuleType) type);
            default -> throw new IllegalArgumentException(sort.toString());
        }
    }

    /** The scope {@code count} levels out (0 = this one), or null. */
    Scope outer(int count) {
        Scope s = this;
        for (int i = 0; i < count && s != null; i++) {
            s = s.parent;
        }
        return s;
    }
}
