package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.DropReason;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.body.OutgoingBody;
import dev.wharf.wasi.http.internal.fields.Fields;

/**
 * {@code wasi:http/types.outgoing-body}: an {@link OutgoingBody}; {@code finish} hands over the
 * trailers; dropping it without finish aborts the response body (a teardown too, without the child-stream rule).
 */
public final class OutgoingBodyBindings {
    private OutgoingBodyBindings() {}

    public static void register(Binder b) {
        String t = Wasi.HTTP_TYPES;
        b.resource(t, Wasi.OUTGOING_BODY, (OutgoingBody body, DropReason why) -> {
            if (why == DropReason.GUEST_DROP) {
                body.drop(); // traps while its output-stream child is alive
            } else {
                body.release();
            }
        });
        b.fn(t, "[method]outgoing-body.write", "func(self: borrow<outgoing-body>) -> result<own<output-stream>>",
                (c, a) -> c.<OutgoingBody>resources(Wasi.OUTGOING_BODY).get(a.get(0)).write()
                        .<WitValue>map(s -> WitValue.ok(c.resources(Wasi.OUTPUT_STREAM).insert(s))).orElse(WitValue.err()));
        b.fn(t, "[static]outgoing-body.finish", "func(this: own<outgoing-body>, trailers: option<own<fields>>) -> result<_, error-code>",
                (c, a) -> {
                    OutgoingBody body = c.<OutgoingBody>resources(Wasi.OUTGOING_BODY).remove(Values.own(a.get(0)));
                    Fields trailers = Values.option(a.get(1))
                            .map(h -> c.<Fields>resources(Wasi.FIELDS).remove(Values.own(h))).orElse(null);
                    body.finish(trailers);
                    return WitValue.ok();
                });
    }
}
