package dev.wharf.wasi.http.internal.body;

import dev.wharf.wasi.http.internal.fields.Fields;
import dev.wharf.wasi.http.internal.io.Pollable;
import dev.wharf.wasi.http.internal.io.StreamErrorException;
import dev.wharf.wasi.http.internal.io.WasiOutputStream;
import dev.wharf.wasi.http.internal.io.WasiTrap;
import java.util.Optional;

/**
 * The {@code outgoing-body} resource's state machine.
 *
 * <ul>
 *   <li>{@link #write()} hands out the output-stream child once ({@code err} afterwards).</li>
 *   <li>{@link #finish(Fields)} ends the body normally (trailers optional); it reports a content-length
 *       mismatch as {@code HTTP-response-body-size} and then aborts the response.</li>
 *   <li>{@link #drop()} without finish means the body was cut short: the response is aborted, never sent as
 *       complete.</li>
 *   <li>The child stream must be dropped before finish/drop (WIT rule), else the guest traps.</li>
 * </ul>
 */
public final class OutgoingBody {
    private enum State { FRESH, STREAM_TAKEN, FINISHED, DROPPED }

    private final OutgoingBodyStream stream;
    private State state = State.FRESH;
    private Child child;

    public OutgoingBody(OutgoingBodyStream stream) {
        this.stream = stream;
    }

    /** What the gateway subscribes to. */
    public OutgoingBodyStream publisher() {
        return stream;
    }

    /** {@code write}: the output stream, once. */
    public synchronized Optional<WasiOutputStream> write() {
        if (state != State.FRESH) {
            return Optional.empty();
        }
        state = State.STREAM_TAKEN;
        child = new Child(stream);
        return Optional.of(child);
    }

    /** {@code finish(this, trailers)}: the trailers are snapshotted (later edits by the guest are not sent). */
    public synchronized void finish(Fields trailersOrNull) throws HttpErrorException {
        enter("finish");
        state = State.FINISHED;
        stream.finish(trailersOrNull);
    }

    /** Dropped without finish: the body is incomplete, so the response is aborted. */
    public synchronized void drop() {
        if (state == State.FINISHED || state == State.DROPPED) {
            return;
        }
        enter("drop");
        state = State.DROPPED;
        stream.abort("outgoing-body dropped without finish: the response body is incomplete");
    }

    /**
     * The instance was torn down (closed or reset) with the body still in its table: aborts the response like
     * {@link #drop}, without the child-stream rule (tables are emptied in no particular order).
     */
    public synchronized void release() {
        if (state == State.FINISHED || state == State.DROPPED) {
            return;
        }
        state = State.DROPPED;
        stream.abort("the guest ended without finishing the response body");
    }

    private void enter(String op) {
        if (state == State.FINISHED || state == State.DROPPED) {
            throw new WasiTrap("outgoing-body " + op + " after finish or drop");
        }
        if (child != null && !child.dropped) {
            throw new WasiTrap("outgoing-body " + op + " while its output-stream child is alive");
        }
    }

    /** The child handle: same stream, but its drop is recorded (and it refuses use after drop). */
    private static final class Child implements WasiOutputStream {
        private final OutgoingBodyStream stream;
        private volatile boolean dropped;

        Child(OutgoingBodyStream stream) {
            this.stream = stream;
        }

        private OutgoingBodyStream live() {
            if (dropped) {
                throw new WasiTrap("output-stream used after drop");
            }
            return stream;
        }

        @Override
        public long checkWrite() throws StreamErrorException {
            return live().checkWrite();
        }

        @Override
        public void write(byte[] contents) throws StreamErrorException {
            live().write(contents);
        }

        @Override
        public void flush() throws StreamErrorException {
            live().flush();
        }

        @Override
        public Pollable subscribe() {
            return live().subscribe();
        }

        @Override
        public Pollable flushed() {
            return live().flushed();
        }

        @Override
        public void close() {
            dropped = true;
        }
    }
}
