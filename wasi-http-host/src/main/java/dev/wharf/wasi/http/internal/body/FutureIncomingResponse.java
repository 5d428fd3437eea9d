package dev.wharf.wasi.http.internal.body;

import dev.wharf.wasi.http.internal.io.Pollable;
import dev.wharf.wasi.http.internal.io.Pollables;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@code future-incoming-response} resource: completes when the upstream response head arrives (or the
 * request fails with an {@link ErrorCode}). {@code get} is empty while pending, then the outcome once, then
 * {@link Outcome.AlreadyTaken}. Dropping it cancels a request still in flight and a response never taken.
 */
public final class FutureIncomingResponse {
    public sealed interface Outcome {
        record Response(IncomingResponse response) implements Outcome {}

        record Failed(ErrorCode code) implements Outcome {}

        record AlreadyTaken() implements Outcome {}
    }

    private final CompletableFuture<IncomingResponse> future;
    private final Pollable pollable;
    private boolean taken;

    /** @param future completes with the response, or exceptionally with an {@link HttpErrorException} */
    public FutureIncomingResponse(CompletableFuture<IncomingResponse> future) {
        this.future = future;
        this.pollable = Pollables.of(future);
    }

    public Pollable subscribe() {
        return pollable;
    }

    public synchronized Optional<Outcome> get() {
        if (!future.isDone()) {
            return Optional.empty();
        }
        if (taken) {
            return Optional.of(new Outcome.AlreadyTaken());
        }
        taken = true;
        try {
            return Optional.of(new Outcome.Response(future.join()));
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return Optional.of(new Outcome.Failed(cause instanceof HttpErrorException h ? h.code()
                    : new ErrorCode.InternalError(Optional.ofNullable(cause.getMessage()))));
        }
    }

    /** The guest dropped the future (or the instance closed): nobody will read the response. */
    public synchronized void drop() {
        if (future.cancel(false)) {
            return; // the sender sees the cancellation and aborts the exchange
        }
        if (!taken) {
            taken = true;
            future.thenAccept(IncomingResponse::drop);
        }
    }
}
