package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.Caller;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.Outbound;
import dev.wharf.wasi.http.internal.body.IncomingBodyStream;
import dev.wharf.wasi.http.internal.body.Method;
import dev.wharf.wasi.http.internal.body.OutgoingRequest;
import dev.wharf.wasi.http.internal.body.Scheme;
import dev.wharf.wasi.http.internal.fields.Fields;
import dev.wharf.wasi.http.internal.outbound.OutboundClient;
import java.time.Duration;
import java.util.Optional;

/**
 * The outgoing side of {@code wasi:http/types} ({@code outgoing-request}, {@code request-options}) and
 * {@code wasi:http/outgoing-handler.handle}, which sends through {@link OutboundClient}. The response side
 * ({@code future-incoming-response}, {@code incoming-response}) is in {@link IncomingResponseBindings}.
 */
public final class OutgoingHandlerBindings {
    /** A {@code request-options}: timeouts in nanoseconds ({@code option<u64>} values). */
    static final class Options {
        final WitValue[] timeouts = {WitValue.none(), WitValue.none(), WitValue.none()};
    }

    private OutgoingHandlerBindings() {}

    public static void register(Binder b) {
        String t = Wasi.HTTP_TYPES;
        b.resource(t, Wasi.OUTGOING_REQUEST, null);
        b.resource(t, Wasi.REQUEST_OPTIONS, null);
        String self = "func(self: borrow<outgoing-request>";
        b.fn(t, "[constructor]outgoing-request", "func(headers: own<fields>) -> own<outgoing-request>", (c, a) -> {
            Fields headers = c.<Fields>resources(Wasi.FIELDS).remove(Values.own(a.get(0)));
            return c.resources(Wasi.OUTGOING_REQUEST).insert(new OutgoingRequest(headers, c.state(WasiState.KEY).responseLimits()));
        });
        b.fn(t, "[method]outgoing-request.body", self + ") -> result<own<outgoing-body>>",
                (c, a) -> req(c, a.get(0)).body().<WitValue>map(body -> WitValue.ok(c.resources(Wasi.OUTGOING_BODY).insert(body)))
                        .orElse(WitValue.err()));
        b.fn(t, "[method]outgoing-request.method", self + ") -> method",
                (c, a) -> IncomingRequestBindings.method(req(c, a.get(0)).method()));
        b.fn(t, "[method]outgoing-request.set-method", self + ", method: method) -> result",
                (c, a) -> result(req(c, a.get(0)).setMethod(method(a.get(1)))));
        b.fn(t, "[method]outgoing-request.path-with-query", self + ") -> option<string>",
                (c, a) -> IncomingRequestBindings.optionString(req(c, a.get(0)).pathWithQuery()));
        b.fn(t, "[method]outgoing-request.set-path-with-query", self + ", path-with-query: option<string>) -> result",
                (c, a) -> result(req(c, a.get(0)).setPathWithQuery(Values.option(a.get(1)).map(Values::str))));
        b.fn(t, "[method]outgoing-request.scheme", self + ") -> option<scheme>",
                (c, a) -> req(c, a.get(0)).scheme().<WitValue>map(s -> WitValue.some(IncomingRequestBindings.scheme(s)))
                        .orElse(WitValue.none()));
        b.fn(t, "[method]outgoing-request.set-scheme", self + ", scheme: option<scheme>) -> result",
                (c, a) -> result(req(c, a.get(0)).setScheme(Values.option(a.get(1)).map(OutgoingHandlerBindings::scheme))));
        b.fn(t, "[method]outgoing-request.authority", self + ") -> option<string>",
                (c, a) -> IncomingRequestBindings.optionString(req(c, a.get(0)).authority()));
        b.fn(t, "[method]outgoing-request.set-authority", self + ", authority: option<string>) -> result",
                (c, a) -> result(req(c, a.get(0)).setAuthority(Values.option(a.get(1)).map(Values::str))));
        b.fn(t, "[method]outgoing-request.headers", self + ") -> own<fields>",
                (c, a) -> c.resources(Wasi.FIELDS).insert(req(c, a.get(0)).headers()));

        b.fn(t, "[constructor]request-options", "func() -> own<request-options>",
                (c, a) -> c.resources(Wasi.REQUEST_OPTIONS).insert(new Options()));
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

        b.fn(Wasi.HTTP_OUTGOING_HANDLER, "handle",
                "func(request: own<outgoing-request>, options: option<own<request-options>>) -> result<own<future-incoming-response>, error-code>",
                (c, a) -> {
                    OutgoingRequest request = c.<OutgoingRequest>resources(Wasi.OUTGOING_REQUEST).remove(Values.own(a.get(0)));
                    Optional<Options> options = Values.option(a.get(1))
                            .map(o -> c.<Options>resources(Wasi.REQUEST_OPTIONS).remove(Values.own(o)));
                    Outbound outbound = c.state(WasiState.KEY).outbound();
                    OutboundClient.Timeouts timeouts = new OutboundClient.Timeouts(
                            timeout(options, 0, outbound.connectTimeout()),
                            timeout(options, 1, outbound.firstByteTimeout()),
                            timeout(options, 2, outbound.betweenBytesTimeout()));
                    var future = OutboundClient.send(request, outbound, timeouts, IncomingBodyStream.Limits.DEFAULT);
                    return WitValue.ok(c.resources(Wasi.FUTURE_INCOMING_RESPONSE)
                            .insert(new dev.wharf.wasi.http.internal.body.FutureIncomingResponse(future)));
                });
    }

    private static Duration timeout(Optional<Options> options, int index, Duration fallback) {
        return options.flatMap(o -> Values.option(o.timeouts[index])).map(v -> Duration.ofNanos(Math.max(1, Values.u64(v))))
                .orElse(fallback);
    }

    private static WitValue result(boolean ok) {
        return ok ? WitValue.ok() : WitValue.err();
    }

    private static Method method(WitValue value) {
        WitValue.VariantValue v = (WitValue.VariantValue) value;
        return v.caseIndex() < Method.Standard.values().length ? Method.Standard.values()[v.caseIndex()]
                : new Method.Other(Values.str(v.payload().orElseThrow()));
    }

    private static Scheme scheme(WitValue value) {
        WitValue.VariantValue v = (WitValue.VariantValue) value;
        return v.caseIndex() < Scheme.Standard.values().length ? Scheme.Standard.values()[v.caseIndex()]
                : new Scheme.Other(Values.str(v.payload().orElseThrow()));
    }

    private static OutgoingRequest req(Caller c, WitValue handle) {
        return c.<OutgoingRequest>resources(Wasi.OUTGOING_REQUEST).get(handle);
    }
}
