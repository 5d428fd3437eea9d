package dev.wharf.engine.internal.validate;

import dev.wharf.engine.internal.binary.ast.ComponentAst;
import dev.wharf.engine.types.ComponentType;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.InstanceType;
import dev.wharf.engine.types.Type;
import java.util.List;

/** A decoded and validated component with its resolved top-level index spaces, for the planner. */
public final class ValidatedComponent {
    private final ComponentAst ast;
    private final ComponentType type;
    private final List<Type> types;
    private final List<FuncType> funcs;
    private final List<InstanceType> instances;
    private final List<ComponentType> components;
    private final List<ValidatedComponent> nested;
    private final int coreFuncs;
    private final int coreMemories;
    private final int coreTables;
    private final int coreGlobals;

    ValidatedComponent(Scope scope) {
        this.ast = scope.ast;
        this.nested = scope.nestedComponents.stream().map(ValidatedComponent::new).toList();
        this.coreFuncs = scope.coreFuncs;
        this.coreMemories = scope.coreMemories;
        this.coreTables = scope.coreTables;
        this.coreGlobals = scope.coreGlobals;
        this.type = new ComponentType(scope.imports, scope.exports);
        this.types = List.copyOf(scope.types);
        this.funcs = List.copyOf(scope.funcs);
        this.instances = List.copyOf(scope.instances);
        this.components = List.copyOf(scope.components);
    }

    public ComponentAst ast() {
        return ast;
    }

    /** Imports and exports of the component. */
    public ComponentType type() {
        return type;
    }

    /** The component's type index space, resolved. */
    public List<Type> types() {
        return types;
    }

    /** The component's func index space (function types). */
    public List<FuncType> funcs() {
        return funcs;
    }

    public List<InstanceType> instances() {
        return instances;
    }

    public List<ComponentType> components() {
        return components;
    }

    /** The nested component definitions (section 4), validated, in binary order. */
    public List<ValidatedComponent> nested() {
        return nested;
    }

    /** Sizes of the core index spaces at the end of the component. */
    public int coreFuncCount() {
        return coreFuncs;
    }

    public int coreMemoryCount() {
        return coreMemories;
    }

    public int coreTableCount() {
        return coreTables;
    }

    public int coreGlobalCount() {
        return coreGlobals;
    }
}
