package dev.wharf.engine.internal.link;

import dev.wharf.engine.core.CoreModule;
import java.util.List;
import java.util.Map;

/**
 * The immutable result of planning a component (wasmtime's "translation"): compiled core modules,
 * the steps that instantiate them, the host imports to satisfy, the lifted functions and the
 * exports by interface. Every name lookup and index-space walk has happened; instantiation only
 * replays {@link #steps()}.
 *
 * @param instanceParents per run-time component instance (0: the outermost, then one per instantiation of a nested
 *        component), the instance whose {@code instance} definition created it; -1 for the outermost
 * @param importedResources resource types the host must define, in import order
 * @param exports interface name ({@code ""} for top-level functions) -> function name -> index in {@link #lifts()}
 */
public record ComponentPlanData(List<CoreModule> modules, List<Step> steps, int coreInstanceSlots, List<Integer> instanceParents, int loweredCount,
        int builtinCount, List<HostImport> hostImports, List<ImportedResource> importedResources, List<LiftPlan> lifts,
        Map<String, Map<String, Integer>> exports) {
    public ComponentPlanData {
        modules = List.copyOf(modules);
        instanceParents = List.copyOf(instanceParents);
        steps = List.copyOf(steps);
        hostImports = List.copyOf(hostImports);
        importedResources = List.copyOf(importedResources);
        lifts = List.copyOf(lifts);
    }
}
