/**
 * The Canonical ABI (CanonicalABI.md): per-type {@link dev.wharf.engine.internal.abi.Layout}s,
 * per-function {@link dev.wharf.engine.internal.abi.FunctionAbi}s, and lifting/lowering of
 * {@link dev.wharf.engine.values.WitValue}s between flat core values, linear memory and handle
 * tables ({@link dev.wharf.engine.internal.abi.CanonicalAbi}). See docs/canonical-abi.md.
 */
package dev.wharf.engine.internal.abi;
