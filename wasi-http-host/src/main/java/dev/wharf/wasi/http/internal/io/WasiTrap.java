package dev.wharf.wasi.http.internal.io;

/**
 * The guest broke a precondition the WIT says "traps" on (empty poll list, a write beyond the
 * check-write permit, a resource used in the wrong state). Distinct from WIT-visible errors
 * ({@link StreamError}, header errors, ...), which are values handed back to the guest, and from host
 * bugs (any other exception): the binding glue turns this into a guest trap that ends the instance.
 */
public final class WasiTrap extends RuntimeException {
    public WasiTrap(String message) {
        super(message);
    }
}
