package dev.wharf.wasi.http;

/**
 * The guest called {@code wasi:cli/exit.exit}. Thrown from the host function (the engine then
 * ends the call); {@link WasiHttpHost#handle} reports a non-zero status by throwing this, and
 * treats {@code exit(ok)} as the guest returning.
 */
public final class GuestExitException extends RuntimeException {
    private final int status;

    public GuestExitException(int status) {
        super("the guest exited with status " + status, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
