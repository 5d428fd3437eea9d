package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.body.BodyTooLargeException;
import dev.wharf.wasi.http.internal.body.FutureTrailers;
import dev.wharf.wasi.http.internal.body.HttpErrorException;
import dev.wharf.wasi.http.internal.body.OutgoingResponse;
import dev.wharf.wasi.http.internal.body.ResponseOutparam;

/**
 * {@code wasi:http/types.response-outparam}: the exchange's {@link ResponseOutparam}; {@code set}
 * completes the response head (a second set traps). Also {@code http-error-code}.
 */
public final class ResponseOutparamBindings {
    private ResponseOutparamBindings() {}

    public static void register(Binder b) {
        String t = Wasi.HTTP_TYPES;
        b.resource(t, Wasi.RESPONSE_OUTPARAM, null);
        b.fn(t, "[static]response-outparam.set",
                "func(param: own<response-outparam>, response: result<own<outgoing-response>, error-code>)", (c, a) -> {
                    ResponseOutparam outparam = c.<ResponseOutparam>resources(Wasi.RESPONSE_OUTPARAM).remove(Values.own(a.get(0)));
                    WitValue.ResultValue r = (WitValue.ResultValue) a.get(1);
                    if (r.ok()) {
                        OutgoingResponse response = c.<OutgoingResponse>resources(Wasi.OUTGOING_RESPONSE)
                                .remove(Values.own(r.payload().orElseThrow()));
                        outparam.set(new ResponseOutparam.Outcome.Response(response));
                    } else {
                        outparam.set(new ResponseOutparam.Outcome.Error(Values.errorCode(r.payload().orElseThrow())));
                    }
                    return null;
                });
        b.fn(t, "http-error-code", "func(err: borrow<error>) -> option<error-code>", (c, a) -> {
            var error = c.<dev.wharf.wasi.http.internal.io.IoError>resources(Wasi.ERROR).get(a.get(0));
            return error.causeOptional()
                    .filter(cause -> cause instanceof BodyTooLargeException || cause instanceof HttpErrorException)
                    .<WitValue>map(cause -> WitValue.some(Values.errorCode(FutureTrailers.errorCodeOf(cause))))
                    .orElse(WitValue.none());
        });
    }
}
