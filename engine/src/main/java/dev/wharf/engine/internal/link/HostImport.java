package dev.wharf.engine.internal.link;

import dev.wharf.engine.types.FuncType;

/**
 * One host function the component imports: {@code function} of interface {@code iface} (or a
 * top-level function import when {@code iface} is empty), with the type the component expects.
 */
public record HostImport(String iface, String function, FuncType type) {
    /** {@code wasi:cli/stdout@0.2.0#get-stdout}, or the bare name for a top-level function import. */
    public String displayName() {
        return iface.isEmpty() ? function : iface + "#" + function;
    }
}
