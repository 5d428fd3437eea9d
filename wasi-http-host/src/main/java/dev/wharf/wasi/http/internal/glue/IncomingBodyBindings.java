package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.DropReason;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.body.IncomingBody;

/**
 * {@code wasi:http/types.incoming-body}: an {@link IncomingBody}; the guest dropping it is {@link IncomingBody#drop}
 * (with its rules), a teardown {@link IncomingBody#release}.
 */
public final class IncomingBodyBindings {
    private IncomingBodyBindings() {}

    public static void register(Binder b) {
        String t = Wasi.HTTP_TYPES;
        b.resource(t, Wasi.INCOMING_BODY, (IncomingBody body, DropReason why) -> {
            if (why == DropReason.GUEST_DROP) {
                body.drop(); // traps while its input-stream child is alive
            } else {
                body.release();
            }
        });
        b.fn(t, "[method]incoming-body.stream", "func(self: borrow<incoming-body>) -> result<own<input-stream>>",
                (c, a) -> c.<IncomingBody>resources(Wasi.INCOMING_BODY).get(a.get(0)).stream()
                        .<WitValue>map(s -> WitValue.ok(c.resources(Wasi.INPUT_STREAM).insert(s))).orElse(WitValue.err()));
        b.fn(t, "[static]incoming-body.finish", "func(this: own<incoming-body>) -> own<future-trailers>", (c, a) -> {
            IncomingBody body = c.<IncomingBody>resources(Wasi.INCOMING_BODY).remove(Values.own(a.get(0)));
            return c.resources(Wasi.FUTURE_TRAILERS).insert(body.finish());
        });
    }
}
