package dev.wharf.engine.internal.link;

import dev.wharf.engine.internal.abi.StringEncoding;

/**
 * The canonical options of one lift or lower, resolved to core items. {@code memory},
 * {@code realloc} and {@code postReturn} are {@code null} when absent.
 */
public record CanonOptionsPlan(CoreRef.Export memory, CoreRef.Export realloc, CoreRef.Export postReturn, StringEncoding encoding) {}
