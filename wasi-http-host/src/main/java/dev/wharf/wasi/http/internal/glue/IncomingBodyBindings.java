package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.body.IncomingBody;

/** {@code wasi:http/types.incoming-body}: an {@link IncomingBody}; dropping it is {@link IncomingBody#drop}. */
public final class IncomingBodyBindings {
    private IncomingBodyBindings() {}

    public static void register(Binder b) {
        String t = Wasi.HTTP_TYPES;
        b.resource(t, Wasi.INCOMING_BODY, Teardown.lenientOnClose((IncomingBody body) -> body.drop()));
        b.fn(t, "[method]incoming-body.stream", "func(self: borrow<incoming-body>) -> result<own<input-stream>>",
                (c, a) -> c.<IncomingBody>resources(Wasi.INCOMING_BODY).get(a.get(0)).stream()
                        .<WitValue>map(s -> WitValue.ok(c.resources(Wasi.INPUT_STREAM).insert(s))).orElse(WitValue.err()));
        b.fn(t, "[static]incoming-body.finish", "func(this: own<incoming-body>) -> own<future-trailers>", (c, a) -> {
            IncomingBody body = c.<IncomingBody>resources(Wasi.INCOMING_BODY).remove(Values.own(a.get(0)));
            return c.resources(Wasi.FUTURE_TRAILERS).insert(body.finish());
        });
    }
}
