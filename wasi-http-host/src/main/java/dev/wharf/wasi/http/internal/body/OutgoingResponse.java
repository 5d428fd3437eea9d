package dev.wharf.wasi.http.internal.body;

import dev.wharf.wasi.http.internal.fields.Fields;
import dev.wharf.wasi.http.internal.fields.HeaderErrorException;
import java.util.Optional;

/**
 * The {@code outgoing-response} resource, minus glue: status (default 200), the headers it took ownership of,
 * and the body, handed out once. The body's expected length comes from the content-length header at the
 * moment {@link #body()} is called, as in wasmtime.
 */
public final class OutgoingResponse {
    private final Fields headers;
    private final OutgoingBodyStream.Limits limits;
    private int status = 200;
    private OutgoingBody body;
    private boolean bodyTaken;

    /** {@code constructor(headers)}: the fields now belong to the response and become immutable. */
    public OutgoingResponse(Fields headers, OutgoingBodyStream.Limits limits) {
        headers.freeze();
        this.headers = headers;
        this.limits = limits;
    }

    public OutgoingResponse(Fields headers) {
        this(headers, OutgoingBodyStream.Limits.DEFAULT);
    }

    public synchronized int statusCode() {
        return status;
    }

    /** {@code set-status-code}: {@code err} (false) unless 100..999, like the {@code http} crate. */
    public synchronized boolean setStatusCode(int code) {
        if (code < 100 || code > 999) {
            return false;
        }
        status = code;
        return true;
    }

    /** {@code headers}: the immutable child fields. */
    public Fields headers() {
        return headers;
    }

    /** {@code body}: once; {@code err} (empty) afterwards or when content-length is malformed. */
    public synchronized Optional<OutgoingBody> body() {
        if (bodyTaken) {
            return Optional.empty();
        }
        long length;
        try {
            length = headers.contentLength();
        } catch (HeaderErrorException e) {
            return Optional.empty();
        }
        bodyTaken = true;
        body = new OutgoingBody(new OutgoingBodyStream(limits, length));
        return Optional.of(body);
    }

    /** The body the gateway streams, if the guest asked for one (none: an empty body). */
    public synchronized Optional<OutgoingBody> takenBody() {
        return Optional.ofNullable(body);
    }
}
