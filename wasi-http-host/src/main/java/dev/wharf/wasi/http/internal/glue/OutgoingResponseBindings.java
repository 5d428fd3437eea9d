package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.Caller;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.body.OutgoingResponse;
import dev.wharf.wasi.http.internal.fields.Fields;

/** {@code wasi:http/types.outgoing-response}: an {@link OutgoingResponse} chunked by the exchange's limits. */
public final class OutgoingResponseBindings {
    private OutgoingResponseBindings() {}

    public static void register(Binder b) {
        String t = Wasi.HTTP_TYPES;
        b.resource(t, Wasi.OUTGOING_RESPONSE, null);
        b.fn(t, "[constructor]outgoing-response", "func(headers: own<fields>) -> own<outgoing-response>", (c, a) -> {
            Fields headers = c.<Fields>resources(Wasi.FIELDS).remove(Values.own(a.get(0)));
            return c.resources(Wasi.OUTGOING_RESPONSE).insert(new OutgoingResponse(headers, c.state(WasiState.KEY).responseLimits()));
        });
        b.fn(t, "[method]outgoing-response.status-code", "func(self: borrow<outgoing-response>) -> u16",
                (c, a) -> WitValue.u16(resp(c, a.get(0)).statusCode()));
        b.fn(t, "[method]outgoing-response.set-status-code", "func(self: borrow<outgoing-response>, status-code: u16) -> result",
                (c, a) -> resp(c, a.get(0)).setStatusCode(Values.u16(a.get(1))) ? WitValue.ok() : WitValue.err());
        b.fn(t, "[method]outgoing-response.headers", "func(self: borrow<outgoing-response>) -> own<fields>",
                (c, a) -> c.resources(Wasi.FIELDS).insert(resp(c, a.get(0)).headers()));
        b.fn(t, "[method]outgoing-response.body", "func(self: borrow<outgoing-response>) -> result<own<outgoing-body>>",
                (c, a) -> resp(c, a.get(0)).body().<WitValue>map(body -> WitValue.ok(c.resources(Wasi.OUTGOING_BODY).insert(body)))
                        .orElse(WitValue.err()));
    }

    private static OutgoingResponse resp(Caller c, WitValue handle) {
        return c.<OutgoingResponse>resources(Wasi.OUTGOING_RESPONSE).get(handle);
    }
}
