package dev.wharf.engine.internal.link;

import dev.wharf.engine.internal.abi.FunctionAbi;

/** A {@code canon lift} in component instance {@code instance}: the core function, its options and the precomputed ABI of its component type. */
public record LiftPlan(String displayName, int instance, CoreRef.Export function, CanonOptionsPlan options, FunctionAbi abi) {}
