package dev.wharf.wasi.http.internal.body;

import dev.wharf.wasi.http.internal.fields.Fields;
import dev.wharf.wasi.http.internal.io.WasiInputStream;
import dev.wharf.wasi.http.internal.io.WasiTrap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code incoming-body} resource's state machine: {@code stream} hands out the body's input stream once;
 * {@code finish} consumes the body and gives the {@link FutureTrailers}; dropping it unfinished cancels the
 * upstream read.
 *
 * <p>As the WIT requires, the stream child must be dropped before the body is finished or dropped; otherwise
 * the guest traps (the host could not tell whether the guest is still reading the contents).
 */
public final class IncomingBody {
    private enum State { FRESH, STREAM_TAKEN, FINISHED, DROPPED }

    private final IncomingBodyStream stream;
    private final CompletableFuture<Optional<Fields>> trailers;
    private State state = State.FRESH;

    /**
     * @param stream the body's stream, already subscribed to the gateway's publisher
     * @param trailers completed by the gateway when the body ends: with the received trailers (immutable) or
     *     empty when there are none, exceptionally when the body failed
     */
    public IncomingBody(IncomingBodyStream stream, CompletableFuture<Optional<Fields>> trailers) {
        this.stream = stream;
        this.trailers = trailers;
    }

    /** {@code stream}: {@code ok(input-stream)} the first time, {@code err} (empty) after. */
    public synchronized Optional<WasiInputStream> stream() {
        if (state != State.FRESH) {
            return Optional.empty();
        }
        state = State.STREAM_TAKEN;
        return Optional.of(stream);
    }

    /** {@code finish}: consumes the body; the rest of it is drained (bounded by the body limit) to reach the trailers. */
    public synchronized FutureTrailers finish() {
        checkChildDropped("finish");
        if (state == State.FINISHED || state == State.DROPPED) {
            throw new WasiTrap("incoming-body used after finish or drop");
        }
        state = State.FINISHED;
        stream.discardRemaining();
        return new FutureTrailers(trailers);
    }

    /** The resource was dropped without finish. */
    public synchronized void drop() {
        if (state == State.FINISHED || state == State.DROPPED) {
            return;
        }
        checkChildDropped("drop");
        state = State.DROPPED;
        stream.cancel();
    }

    /**
     * The instance was torn down (closed or reset) with the body still in its table: cancels upstream like
     * {@link #drop}, without the child-stream rule (tables are emptied in no particular order).
     */
    public synchronized void release() {
        if (state == State.FINISHED || state == State.DROPPED) {
            return;
        }
        state = State.DROPPED;
        stream.cancel();
    }

    private void checkChildDropped(String op) {
        if (state == State.STREAM_TAKEN && !stream.isClosed()) {
            throw new WasiTrap("incoming-body " + op + " while its input-stream child is alive");
        }
    }
}
