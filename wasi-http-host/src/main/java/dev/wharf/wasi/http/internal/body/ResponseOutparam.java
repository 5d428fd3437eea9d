package dev.wharf.wasi.http.internal.body;

import dev.wharf.wasi.http.internal.io.WasiTrap;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code response-outparam} resource: the guest sets the response (or an error-code) exactly once; the
 * gateway waits on {@link #response()}. It completes as soon as {@code set} is called - typically before the
 * body is written - so the gateway can send the status and headers and then stream the body.
 */
public final class ResponseOutparam {
    /** The value of {@code set}: {@code result<outgoing-response, error-code>}. */
    public sealed interface Outcome {
        record Response(OutgoingResponse response) implements Outcome {}

        record Error(ErrorCode code) implements Outcome {}
    }

    /** The outparam was dropped without set: the gateway answers 500. */
    public static final class NotSetException extends RuntimeException {
        public NotSetException() {
            super("response-outparam dropped without set", null, false, false);
        }
    }

    private final CompletableFuture<Outcome> future = new CompletableFuture<>();

    /** {@code set}: a second call traps (the handle is consumed in the WIT, so only a glue bug could do it). */
    public void set(Outcome outcome) {
        if (!future.complete(outcome)) {
            throw new WasiTrap("response-outparam already set");
        }
    }

    /** The handle was dropped (or the guest returned): without a prior set, the gateway answers 500. */
    public void drop() {
        if (!future.isDone()) { // the common case is a set outparam: no exception to make then
            future.completeExceptionally(new NotSetException());
        }
    }

    public CompletableFuture<Outcome> response() {
        return future;
    }
}
