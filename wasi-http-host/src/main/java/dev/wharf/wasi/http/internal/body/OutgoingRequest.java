package dev.wharf.wasi.http.internal.body;

import dev.wharf.wasi.http.internal.fields.Fields;
import dev.wharf.wasi.http.internal.fields.HeaderErrorException;
import java.util.Optional;

/**
 * The {@code outgoing-request} resource: what the guest builds before handing it to
 * {@code outgoing-handler.handle}. The headers are frozen on construction (the WIT makes the child immutable);
 * the body is handed out once and streams to the upstream server as the guest writes it.
 */
public final class OutgoingRequest {
    private final Fields headers;
    private final OutgoingBodyStream.Limits limits;
    private Method method = Method.Standard.GET;
    private Optional<Scheme> scheme = Optional.empty();
    private Optional<String> authority = Optional.empty();
    private Optional<String> pathWithQuery = Optional.empty();
    private OutgoingBody body;
    private boolean bodyTaken;

    public OutgoingRequest(Fields headers, OutgoingBodyStream.Limits limits) {
        headers.freeze();
        this.headers = headers;
        this.limits = limits;
    }

    public Fields headers() {
        return headers;
    }

    public synchronized Method method() {
        return method;
    }

    /** {@code set-method}: false for an {@code other} that is not an HTTP token. */
    public synchronized boolean setMethod(Method m) {
        if (m instanceof Method.Other o && !Fields.isToken(o.name())) {
            return false;
        }
        method = m;
        return true;
    }

    public synchronized Optional<Scheme> scheme() {
        return scheme;
    }

    public synchronized boolean setScheme(Optional<Scheme> s) {
        if (s.isPresent() && s.get() instanceof Scheme.Other o && !o.name().matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return false;
        }
        scheme = s;
        return true;
    }

    public synchronized Optional<String> authority() {
        return authority;
    }

    /** {@code set-authority}: false for text that cannot be an authority (spaces, paths, controls). */
    public synchronized boolean setAuthority(Optional<String> a) {
        if (a.isPresent() && !a.get().matches("[A-Za-z0-9._~%!$&'()*+,;=:@\\[\\]-]*")) {
            return false;
        }
        authority = a;
        return true;
    }

    public synchronized Optional<String> pathWithQuery() {
        return pathWithQuery;
    }

    public synchronized boolean setPathWithQuery(Optional<String> p) {
        if (p.isPresent() && !p.get().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return false;
        }
        pathWithQuery = p;
        return true;
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
        body = new OutgoingBody(new OutgoingBodyStream(limits, length, true));
        return Optional.of(body);
    }

    /** The body to send, if the guest asked for one (none: no body). */
    public synchronized Optional<OutgoingBody> takenBody() {
        return Optional.ofNullable(body);
    }
}
