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

    /** {@code canon lower} in component instance {@code instance} of host import {@code hostImport} into lowered function {@code index}. */
    record LowerImport(int index, int instance, int hostImport, CanonOptionsPlan options, FunctionAbi abi) implements Step {}

    /**
     * {@code canon lower} in component instance {@code instance} of a function that lift {@code lift}
     * defines (in another component instance, or the same one, whose calls then trap with
     * {@code CANNOT_ENTER}): a lift-then-lower adapter into lowered function {@code index}.
     */
    record LowerLifted(int index, int instance, int lift, CanonOptionsPlan options, FunctionAbi abi) implements Step {}

    /** {@code canon resource.new/rep/drop} in component instance {@code instance} into built-in {@code index}. */
    record ResourceBuiltin(int index, int instance, BuiltinKind kind, ResourceType type) implements Step {}

    /**
     * A resource type component instance {@code instance} defines (a fresh type for each
     * instantiation of a nested component): its handles are bare reps inside the component, and
     * dropping the last owning handle calls {@code destructor} (may be {@code null}).
     */
    record DefineResource(int instance, ResourceType type, CoreRef.Export destructor) implements Step {}

    enum BuiltinKind { NEW, REP, DROP }
}
