package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.body.IncomingRequest;
import dev.wharf.wasi.http.internal.body.Method;
import dev.wharf.wasi.http.internal.body.Scheme;

/** {@code wasi:http/types.incoming-request}: an {@link IncomingRequest}. */
public final class IncomingRequestBindings {
    private IncomingRequestBindings() {}

    public static void register(Binder b) {
        String t = Wasi.HTTP_TYPES;
        String self = "func(self: borrow<incoming-request>) -> ";
        b.resource(t, Wasi.INCOMING_REQUEST, null);
        b.fn(t, "[method]incoming-request.method", self + "method", (c, a) -> method(req(c, a.get(0)).method()));
        b.fn(t, "[method]incoming-request.path-with-query", self + "option<string>",
                (c, a) -> optionString(req(c, a.get(0)).pathWithQuery()));
        b.fn(t, "[method]incoming-request.scheme", self + "option<scheme>",
                (c, a) -> req(c, a.get(0)).scheme().<WitValue>map(s -> WitValue.some(scheme(s))).orElse(WitValue.none()));
        b.fn(t, "[method]incoming-request.authority", self + "option<string>",
                (c, a) -> optionString(req(c, a.get(0)).authority()));
        b.fn(t, "[method]incoming-request.headers", self + "own<fields>",
                (c, a) -> c.resources(Wasi.FIELDS).insert(req(c, a.get(0)).headers()));
        b.fn(t, "[method]incoming-request.consume", self + "result<own<incoming-body>>",
                (c, a) -> req(c, a.get(0)).consume().<WitValue>map(body -> WitValue.ok(c.resources(Wasi.INCOMING_BODY).insert(body)))
                        .orElse(WitValue.err()));
    }

    private static IncomingRequest req(dev.wharf.engine.Caller c, WitValue handle) {
        return c.<IncomingRequest>resources(Wasi.INCOMING_REQUEST).get(handle);
    }

    static WitValue optionString(java.util.Optional<String> s) {
        return s.<WitValue>map(v -> WitValue.some(WitValue.string(v))).orElse(WitValue.none());
    }

    static WitValue method(Method m) {
        return switch (m) {
            case Method.Standard s -> WitValue.variant(s.ordinal());
            case Method.Other o -> WitValue.variant(9, WitValue.string(o.name()));
        };
    }

    static WitValue scheme(Scheme s) {
        return switch (s) {
            case Scheme.Standard st -> WitValue.variant(st.ordinal());
            case Scheme.Other o -> WitValue.variant(2, WitValue.string(o.name()));
        };
    }
}
