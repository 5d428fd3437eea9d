package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.body.FutureTrailers;

/**
 * {@code wasi:http/types.future-trailers}: a {@link FutureTrailers}; {@code get} is
 * {@code option<result<result<option<trailers>, error-code>>>}: none while pending, {@code err} once taken.
 */
public final class FutureTrailersBindings {
    private FutureTrailersBindings() {}

    public static void register(Binder b) {
        String t = Wasi.HTTP_TYPES;
        b.resource(t, Wasi.FUTURE_TRAILERS, null);
        b.fn(t, "[method]future-trailers.subscribe", "func(self: borrow<future-trailers>) -> own<pollable>",
                (c, a) -> c.resources(Wasi.POLLABLE).insert(c.<FutureTrailers>resources(Wasi.FUTURE_TRAILERS).get(a.get(0)).subscribe()));
        b.fn(t, "[method]future-trailers.get",
                "func(self: borrow<future-trailers>) -> option<result<result<option<own<fields>>, error-code>>>", (c, a) -> {
                    var outcome = c.<FutureTrailers>resources(Wasi.FUTURE_TRAILERS).get(a.get(0)).get();
                    if (outcome.isEmpty()) {
                        return WitValue.none();
                    }
                    return WitValue.some(switch (outcome.get()) {
                        case FutureTrailers.Outcome.AlreadyTaken x -> WitValue.err();
                        case FutureTrailers.Outcome.Failed f -> WitValue.ok(WitValue.err(Values.errorCode(f.code())));
                        case FutureTrailers.Outcome.Trailers tr -> WitValue.ok(WitValue.ok(tr.trailers()
                                .<WitValue>map(f -> WitValue.some(c.resources(Wasi.FIELDS).insert(f))).orElse(WitValue.none())));
                    });
                });
    }
}
