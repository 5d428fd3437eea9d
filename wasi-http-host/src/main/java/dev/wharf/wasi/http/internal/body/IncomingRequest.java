package dev.wharf.wasi.http.internal.body;

import dev.wharf.wasi.http.internal.fields.Fields;
import java.util.Optional;

/**
 * The {@code incoming-request} resource, minus glue: what the gateway received, with immutable headers, and
 * the body handed out once by {@code consume}.
 *
 * @param pathWithQuery {@code path-with-query}, e.g. {@code /a/b?c=d}; empty when the request target had none
 * @param authority the {@code :authority} / Host value, if any
 */
public record IncomingRequest(Method method, Optional<Scheme> scheme, Optional<String> authority,
        Optional<String> pathWithQuery, Fields headers, ConsumeOnce body) {

    public IncomingRequest {
        headers.freeze(); // headers of a received request are immutable for the guest
    }

    public IncomingRequest(Method method, Optional<Scheme> scheme, Optional<String> authority,
            Optional<String> pathWithQuery, Fields headers, IncomingBody body) {
        this(method, scheme, authority, pathWithQuery, headers, new ConsumeOnce(body));
    }

    /** {@code consume}: the body the first time, {@code err} (empty) after. */
    public Optional<IncomingBody> consume() {
        return body.take();
    }

    /** Guards the single hand-out; a record component so the request stays a plain value otherwise. */
    public static final class ConsumeOnce {
        private IncomingBody body;

        ConsumeOnce(IncomingBody body) {
            this.body = body;
        }

        synchronized Optional<IncomingBody> take() {
            IncomingBody b = body;
            body = null;
            return Optional.ofNullable(b);
        }
    }
}
