package dev.wharf.engine.internal.link;

import dev.wharf.engine.internal.abi.FunctionAbi;
import dev.wharf.engine.internal.binary.ast.Sort;
import dev.wharf.engine.types.ResourceType;
import java.util.List;

/**
 * One step of a {@link ComponentPlanData}. Instantiation replays the steps in order; each refers to
 * earlier results by index only.
 */
public sealed interface Step {

    /** Instantiates compiled module {@code module} into run-time slot {@code slot}, linking each import. */
    record InstantiateModule(int slot, int module, List<Link> links) implements Step {}

    /** One import of a module: {@code (module, name)} bound to {@code source}. */
    record Link(String module, String name, Sort sort, CoreRef source) {}

    /** {@code canon lower} of host import {@code hostImport} into lowered function {@code index}. */
    record LowerImport(int index, int hostImport, CanonOptionsPlan options, FunctionAbi abi) implements Step {}

    /** {@code canon resource.new/rep/drop} into built-in {@code index}. */
    record ResourceBuiltin(int index, BuiltinKind kind, ResourceType type) implements Step {}

    /**
     * A resource type this component defines: its handles are bare reps inside the component, and
     * dropping the last owning handle calls {@code destructor} (may be {@code null}).
     */
    record DefineResource(ResourceType type, CoreRef.Export destructor) implements Step {}

    enum BuiltinKind { NEW, REP, DROP }
}
