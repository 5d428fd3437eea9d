package dev.wharf.wasi.http.internal.outbound;

import dev.wharf.wasi.http.internal.body.ErrorCode;
import dev.wharf.wasi.http.internal.body.ErrorCode.Kind;
import dev.wharf.wasi.http.internal.body.HttpErrorException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLException;
import java.security.cert.CertificateException;

/** Maps a failure of the JDK HTTP client to the {@code error-code} case the guest sees. */
public final class OutboundErrors {
    private OutboundErrors() {}

    public static HttpErrorException of(Kind kind) {
        return new HttpErrorException(ErrorCode.of(kind));
    }

    public static ErrorCode map(Throwable failure) {
        Throwable t = unwrap(failure);
        return switch (t) {
            case HttpErrorException e -> e.code();
            case HttpConnectTimeoutException e -> ErrorCode.of(Kind.CONNECTION_TIMEOUT);
            case HttpTimeoutException e -> ErrorCode.of(Kind.CONNECTION_READ_TIMEOUT);
            case UnknownHostException e -> dnsError();
            case UnresolvedAddressException e -> dnsError();
            case NoRouteToHostException e -> ErrorCode.of(Kind.DESTINATION_UNAVAILABLE);
            case ConnectException e -> connectFailure(e);
            case SSLHandshakeException e when hasCause(e, CertificateException.class) || mentions(e, "certif") ->
                    ErrorCode.of(Kind.TLS_CERTIFICATE_ERROR);
            case SSLException e -> ErrorCode.of(Kind.TLS_PROTOCOL_ERROR);
            case ProtocolException e -> ErrorCode.of(Kind.HTTP_PROTOCOL_ERROR);
            case EOFException e -> ErrorCode.of(Kind.HTTP_RESPONSE_INCOMPLETE);
            case ClosedChannelException e -> ErrorCode.of(Kind.CONNECTION_TERMINATED);
            case java.io.IOException e when mentions(e, "reset") || mentions(e, "closed") || mentions(e, "broken pipe") ->
                    ErrorCode.of(Kind.CONNECTION_TERMINATED);
            case java.io.IOException e when mentions(e, "header parser received no bytes") ->
                    ErrorCode.of(Kind.HTTP_RESPONSE_INCOMPLETE);
            case java.io.IOException e -> ErrorCode.of(Kind.HTTP_PROTOCOL_ERROR);
            case CancellationException e -> new ErrorCode.InternalError(Optional.of("request cancelled"));
            default -> new ErrorCode.InternalError(Optional.of(t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + t.getMessage())));
        };
    }

    public static ErrorCode dnsError() {
        return new ErrorCode.DnsError(Optional.of("address not available"), Optional.empty());
    }

    private static ErrorCode connectFailure(ConnectException e) {
        if (e.getCause() instanceof HttpConnectTimeoutException || mentions(e, "timed out")) {
            return ErrorCode.of(Kind.CONNECTION_TIMEOUT);
        }
        if (mentions(e, "refused") || e.getMessage() == null) {
            return ErrorCode.of(Kind.CONNECTION_REFUSED);
        }
        if (mentions(e, "unreachable") || mentions(e, "no route")) {
            return ErrorCode.of(Kind.DESTINATION_UNAVAILABLE);
        }
        return ErrorCode.of(Kind.CONNECTION_REFUSED);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean mentions(Throwable t, String text) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
