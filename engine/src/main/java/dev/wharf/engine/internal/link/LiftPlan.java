package dev.wharf.engine.internal.link;

import dev.wharf.engine.internal.abi.FunctionAbi;

/** A {@code canon lift}: the core function, its options and the precomputed ABI of its component type. */
public record LiftPlan(String displayName, CoreRef.Export function, CanonOptionsPlan options, FunctionAbi abi) {}
