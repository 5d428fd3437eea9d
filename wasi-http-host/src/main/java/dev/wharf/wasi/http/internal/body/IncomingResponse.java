package dev.wharf.wasi.http.internal.body;

import dev.wharf.wasi.http.internal.fields.Fields;
import java.util.Optional;

/**
 * The {@code incoming-response} resource: the upstream status and (immutable) headers of an outbound request,
 * and its body, handed out once by {@code consume}. Dropping the response without consuming the body cancels
 * the upstream read, so the connection is not left half-read.
 */
public final class IncomingResponse {
    private final int status;
    private final Fields headers;
    private IncomingBody body;

    public IncomingResponse(int status, Fields headers, IncomingBody body) {
        headers.freeze();
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public Fields headers() {
        return headers;
    }

    /** {@code consume}: the body the first time, {@code err} (empty) after. */
    public synchronized Optional<IncomingBody> consume() {
        IncomingBody b = body;
        body = null;
        return Optional.ofNullable(b);
    }

    /** The resource was dropped: a body never handed out is cancelled. */
    public void drop() {
        consume().ifPresent(IncomingBody::drop);
    }
}
