package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.Caller;
import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.fields.Fields;
import java.util.Optional;

/**
 * The outgoing side of {@code wasi:http/types} and {@code wasi:http/outgoing-handler}, so that
 * components importing it (componentize-js always does) link: requests and options can be built
 * and inspected, but {@code handle} answers {@code HTTP-request-denied} (outbound HTTP is not
 * built yet). {@code incoming-response} and {@code future-incoming-response} can therefore never
 * exist; their functions trap if reached.
 */
public final class OutgoingHandlerBindings {
    /** An {@code outgoing-request} being built. */
    static final class Request {
        final Fields headers;
        WitValue method = WitValue.variant(0);
        Optional<WitValue> scheme = Optional.empty();
        Optional<String> authority = Optional.empty();
        Optional<String> pathWithQuery = Optional.empty();

        Request(Fields headers) {
            this.headers = headers;
        }
    }

    /** A {@code request-options}: timeouts in nanoseconds. */
    static final class Options {
        final WitValue[] timeouts = {WitValue.none(), WitValue.none(), WitValue.none()};
    }

    private OutgoingHandlerBindings() {}

    public static void register(Binder b) {
        String t = Wasi.HTTP_TYPES;
        b.resource(t, Wasi.OUTGOING_REQUEST, null);
        b.resource(t, Wasi.REQUEST_OPTIONS, null);
        b.resource(t, Wasi.INCOMING_RESPONSE, null);
        b.resource(t, Wasi.FUTURE_INCOMING_RESPONSE, null);
        String self = "func(self: borrow<outgoing-request>";
        b.fn(t, "[constructor]outgoing-request", "func(headers: own<fields>) -> own<outgoing-request>", (c, a) -> {
            Fields headers = c.<Fields>resources(Wasi.FIELDS).remove(Values.own(a.get(0)));
            headers.freeze();
            return c.resources(Wasi.OUTGOING_REQUEST).insert(new Request(headers));
        });
        b.fn(t, "[method]outgoing-request.body", self + ") -> result<own<outgoing-body>>", (c, a) -> WitValue.err());
        b.fn(t, "[method]outgoing-request.method", self + ") -> method", (c, a) -> req(c, a.get(0)).method);
        b.fn(t, "[method]outgoing-request.set-method", self + ", method: method) -> result", (c, a) -> {
            req(c, a.get(0)).method = a.get(1);
            return WitValue.ok();
        });
        b.fn(t, "[method]outgoing-request.path-with-query", self + ") -> option<string>",
                (c, a) -> IncomingRequestBindings.optionString(req(c, a.get(0)).pathWithQuery));
        b.fn(t, "[method]outgoing-request.set-path-with-query", self + ", path-with-query: option<string>) -> result", (c, a) -> {
            req(c, a.get(0)).pathWithQuery = Values.option(a.get(1)).map(Values::str);
            return WitValue.ok();
        });
        b.fn(t, "[method]outgoing-request.scheme", self + ") -> option<scheme>",
                (c, a) -> req(c, a.get(0)).scheme.<WitValue>map(WitValue::some).orElse(WitValue.none()));
        b.fn(t, "[method]outgoing-request.set-scheme", self + ", scheme: option<scheme>) -> result", (c, a) -> {
            req(c, a.get(0)).scheme = Values.option(a.get(1));
            return WitValue.ok();
        });
        b.fn(t, "[method]outgoing-request.authority", self + ") -> option<string>",
                (c, a) -> IncomingRequestBindings.optionString(req(c, a.get(0)).authority));
        b.fn(t, "[method]outgoing-request.set-authority", self + ", authority: option<string>) -> result", (c, a) -> {
            req(c, a.get(0)).authority = Values.option(a.get(1)).map(Values::str);
            return WitValue.ok();
        });
        b.fn(t, "[method]outgoing-request.headers", self + ") -> own<fields>",
                (c, a) -> c.resources(Wasi.FIELDS).insert(req(c, a.get(0)).headers));

        b.fn(t, "[constructor]request-options", "func() -> own<request-options>", (c, a) -> c.resources(Wasi.REQUEST_OPTIONS).insert(new Options()));
        String[] names = {"connect-timeout", "first-byte-timeout", "between-bytes-timeout"};
        for (int i = 0; i < names.length; i++) {
            int index = i;
            b.fn(t, "[method]request-options." + names[i], "func(self: borrow<request-options>) -> option<u64>",
                    (c, a) -> c.<Options>resources(Wasi.REQUEST_OPTIONS).get(a.get(0)).timeouts[index]);
            b.fn(t, "[method]request-options.set-" + names[i], "func(self: borrow<request-options>, duration: option<u64>) -> result",
                    (c, a) -> {
                        c.<Options>resources(Wasi.REQUEST_OPTIONS).get(a.get(0)).timeouts[index] = a.get(1);
                        return WitValue.ok();
                    });
        }

        Binder.Fn unreachable = (c, a) -> {
            throw new Trap(TrapReason.INVALID_HANDLE, "no incoming-response exists: outbound HTTP is not enabled");
        };
        b.fn(t, "[method]incoming-response.status", "func(self: borrow<incoming-response>) -> u16", unreachable);
        b.fn(t, "[method]incoming-response.headers", "func(self: borrow<incoming-response>) -> own<fields>", unreachable);
        b.fn(t, "[method]incoming-response.consume", "func(self: borrow<incoming-response>) -> result<own<incoming-body>>", unreachable);
        b.fn(t, "[method]future-incoming-response.subscribe", "func(self: borrow<future-incoming-response>) -> own<pollable>", unreachable);
        b.fn(t, "[method]future-incoming-response.get",
                "func(self: borrow<future-incoming-response>) -> option<result<result<own<incoming-response>, error-code>>>", unreachable);

        b.fn(Wasi.HTTP_OUTGOING_HANDLER, "handle",
                "func(request: own<outgoing-request>, options: option<own<request-options>>) -> result<own<future-incoming-response>, error-code>",
                (c, a) -> {
                    c.resources(Wasi.OUTGOING_REQUEST).remove(Values.own(a.get(0)));
                    Values.option(a.get(1)).ifPresent(o -> c.resources(Wasi.REQUEST_OPTIONS).remove(Values.own(o)));
                    return WitValue.err(WitValue.variant(Wasi.EC_HTTP_REQUEST_DENIED));
                });
    }

    private static Request req(Caller c, WitValue handle) {
        return c.<Request>resources(Wasi.OUTGOING_REQUEST).get(handle);
    }
}
