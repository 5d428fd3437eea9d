package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.DropReason;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.body.FutureIncomingResponse;
import dev.wharf.wasi.http.internal.body.IncomingResponse;

/**
 * {@code future-incoming-response} (a {@link FutureIncomingResponse}; dropping it cancels a request in flight) and
 * {@code incoming-response} (an {@link IncomingResponse}; its body is an ordinary {@code incoming-body}).
 */
public final class IncomingResponseBindings {
    private IncomingResponseBindings() {}

    public static void register(Binder b) {
        String t = Wasi.HTTP_TYPES;
        // no rule to break: a drop and a teardown both cancel what is still in flight
        b.resource(t, Wasi.INCOMING_RESPONSE, (IncomingResponse r, DropReason why) -> r.drop());
        b.resource(t, Wasi.FUTURE_INCOMING_RESPONSE, (FutureIncomingResponse f, DropReason why) -> f.drop());
        String self = "func(self: borrow<incoming-response>) -> ";
        b.fn(t, "[method]incoming-response.status", self + "u16", (c, a) -> WitValue.u16(resp(c, a.get(0)).status()));
        b.fn(t, "[method]incoming-response.headers", self + "own<fields>",
                (c, a) -> c.resources(Wasi.FIELDS).insert(resp(c, a.get(0)).headers()));
        b.fn(t, "[method]incoming-response.consume", self + "result<own<incoming-body>>",
                (c, a) -> resp(c, a.get(0)).consume().<WitValue>map(body -> WitValue.ok(c.resources(Wasi.INCOMING_BODY).insert(body)))
                        .orElse(WitValue.err()));
        b.fn(t, "[method]future-incoming-response.subscribe", "func(self: borrow<future-incoming-response>) -> own<pollable>",
                (c, a) -> c.resources(Wasi.POLLABLE).insert(future(c, a.get(0)).subscribe()));
        b.fn(t, "[method]future-incoming-response.get",
                "func(self: borrow<future-incoming-response>) -> option<result<result<own<incoming-response>, error-code>>>",
                (c, a) -> future(c, a.get(0)).get().<WitValue>map(outcome -> WitValue.some(switch (outcome) {
                    case FutureIncomingResponse.Outcome.AlreadyTaken x -> WitValue.err();
                    case FutureIncomingResponse.Outcome.Failed f -> WitValue.ok(WitValue.err(Values.errorCode(f.code())));
                    case FutureIncomingResponse.Outcome.Response r ->
                            WitValue.ok(WitValue.ok(c.resources(Wasi.INCOMING_RESPONSE).insert(r.response())));
                })).orElse(WitValue.none()));
    }

    private static IncomingResponse resp(dev.wharf.engine.Caller c, WitValue handle) {
        return c.<IncomingResponse>resources(Wasi.INCOMING_RESPONSE).get(handle);
    }

    private static FutureIncomingResponse future(dev.wharf.engine.Caller c, WitValue handle) {
        return c.<FutureIncomingResponse>resources(Wasi.FUTURE_INCOMING_RESPONSE).get(handle);
    }
}
