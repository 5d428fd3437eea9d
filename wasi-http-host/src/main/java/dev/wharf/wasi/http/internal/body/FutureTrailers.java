package dev.wharf.wasi.http.internal.body;

import dev.wharf.wasi.http.internal.fields.Fields;
import dev.wharf.wasi.http.internal.io.Pollable;
import dev.wharf.wasi.http.internal.io.Pollables;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@code future-trailers} resource. {@code get} returns
 * {@code option<result<result<option<trailers>, error-code>>>}: empty while pending, then the outcome once,
 * then {@code some(err)} ({@link Outcome.AlreadyTaken}) on every later call, as the WIT specifies.
 */
public final class FutureTrailers {
    /** The ready value of {@code get}. */
    public sealed interface Outcome {
        /** {@code some(ok(ok(trailers)))}; the fields are immutable. */
        record Trailers(Optional<Fields> trailers) implements Outcome {}

        /** {@code some(ok(err(error-code)))}: the body failed. */
        record Failed(ErrorCode code) implements Outcome {}

        /** {@code some(err)}: the outcome was already taken. */
        record AlreadyTaken() implements Outcome {}
    }

    private final CompletableFuture<Optional<Fields>> future;
    private final Pollable pollable;
    private boolean taken;

    public FutureTrailers(CompletableFuture<Optional<Fields>> future) {
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
            Optional<Fields> trailers = future.join();
            trailers.ifPresent(Fields::freeze);
            return Optional.of(new Outcome.Trailers(trailers));
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return Optional.of(new Outcome.Failed(errorCodeOf(cause)));
        }
    }

    /** Maps a body failure onto the WIT error-code the guest sees. */
    public static ErrorCode errorCodeOf(Throwable cause) {
        if (cause instanceof HttpErrorException e) {
            return e.code(); // an outbound response body: between-bytes timeout, connection lost, ...
        }
        if (cause instanceof BodyTooLargeException tooLarge) {
            return new ErrorCode.HttpRequestBodySize(OptionalLong.of(tooLarge.limit()));
        }
        return new ErrorCode.InternalError(Optional.ofNullable(cause.getMessage()));
    }
}
