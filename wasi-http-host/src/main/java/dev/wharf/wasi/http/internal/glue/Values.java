package dev.wharf.wasi.http.internal.glue;

import dev.wharf.engine.Caller;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.internal.body.ErrorCode;
import dev.wharf.wasi.http.internal.fields.HeaderError;
import dev.wharf.wasi.http.internal.io.StreamError;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Conversions between the plumbing's values and {@link WitValue}s. */
public final class Values {
    private Values() {}

    public static String str(WitValue v) {
        return ((WitValue.Str) v).value();
    }

    public static byte[] bytes(WitValue v) {
        return ((WitValue.Bytes) v).array();
    }

    public static long u64(WitValue v) {
        return ((WitValue.U64) v).bits();
    }

    public static int u16(WitValue v) {
        return ((WitValue.U16) v).value();
    }

    public static WitValue.Own own(WitValue v) {
        return (WitValue.Own) v;
    }

    public static Optional<WitValue> option(WitValue v) {
        return ((WitValue.OptionValue) v).value();
    }

    public static List<WitValue> list(WitValue v) {
        return ((WitValue.ListValue) v).elements();
    }

    /** {@code stream-error}: {@code last-operation-failed(own<error>)} puts the error in the error table. */
    public static WitValue streamError(Caller caller, StreamError error) {
        return switch (error) {
            case StreamError.Closed c -> WitValue.variant(1);
            case StreamError.LastOperationFailed f -> WitValue.variant(0, caller.resources(Wasi.ERROR).insert(f.error()));
        };
    }

    public static WitValue headerError(HeaderError error) {
        return WitValue.variant(error.ordinal());
    }

    public static WitValue errorCode(ErrorCode code) {
        return switch (code) {
            case ErrorCode.HttpRequestBodySize s -> WitValue.variant(Wasi.EC_HTTP_REQUEST_BODY_SIZE, optionU64(s.size()));
            case ErrorCode.HttpResponseBodySize s -> WitValue.variant(Wasi.EC_HTTP_RESPONSE_BODY_SIZE, optionU64(s.size()));
            case ErrorCode.InternalError e -> WitValue.variant(Wasi.EC_INTERNAL_ERROR, optionString(e.message()));
            case ErrorCode.Plain p -> WitValue.variant(p.kind().witCase());
            case ErrorCode.DnsError d -> WitValue.variant(Wasi.EC_DNS_ERROR, WitValue.record(optionString(d.rcode()),
                    d.infoCode().<WitValue>map(i -> WitValue.some(WitValue.u16(i))).orElse(WitValue.none())));
        };
    }

    /** A guest's {@code error-code} (e.g. the one it sets as its response) in the plumbing's terms. */
    public static ErrorCode errorCode(WitValue value) {
        WitValue.VariantValue v = (WitValue.VariantValue) value;
        return switch (v.caseIndex()) {
            case Wasi.EC_HTTP_REQUEST_BODY_SIZE -> new ErrorCode.HttpRequestBodySize(optionU64(v.payload().orElseThrow()));
            case Wasi.EC_HTTP_RESPONSE_BODY_SIZE -> new ErrorCode.HttpResponseBodySize(optionU64(v.payload().orElseThrow()));
            case Wasi.EC_INTERNAL_ERROR -> new ErrorCode.InternalError(option(v.payload().orElseThrow()).map(Values::str));
            default -> ErrorCode.Kind.ofWitCase(v.caseIndex()).<ErrorCode>map(ErrorCode.Plain::new)
                    .orElseGet(() -> new ErrorCode.InternalError(Optional.of("error-code case " + v.caseIndex())));
        };
    }

    private static WitValue optionString(Optional<String> s) {
        return s.<WitValue>map(m -> WitValue.some(WitValue.string(m))).orElse(WitValue.none());
    }

    private static WitValue optionU64(OptionalLong v) {
        return v.isPresent() ? WitValue.some(WitValue.u64(v.getAsLong())) : WitValue.none();
    }

    private static OptionalLong optionU64(WitValue v) {
        return option(v).map(x -> OptionalLong.of(u64(x))).orElse(OptionalLong.empty());
    }
}
