package dev.wharf.wasi.http;

import dev.wharf.wasi.http.internal.body.IncomingBody;
import dev.wharf.wasi.http.internal.body.IncomingBodyStream;
import dev.wharf.wasi.http.internal.body.IncomingRequest;
import dev.wharf.wasi.http.internal.body.Method;
import dev.wharf.wasi.http.internal.body.OutgoingBody;
import dev.wharf.wasi.http.internal.body.OutgoingBodyStream;
import dev.wharf.wasi.http.internal.body.OutgoingResponse;
import dev.wharf.wasi.http.internal.body.ResponseOutparam;
import dev.wharf.wasi.http.internal.body.Scheme;
import dev.wharf.wasi.http.internal.fields.Fields;
import dev.wharf.wasi.http.internal.fields.HeaderErrorException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * One HTTP request as the gateway hands it to the wasi:http host, in JDK types only ({@link Flow},
 * {@link ByteBuffer}, header lists): the gateway adapts Reactor/Netty to this, the host never sees Reactor.
 *
 * <p>The gateway {@link #open opens} an exchange with the request head and body publisher, runs the guest's
 * {@code incoming-handler.handle} with {@link #request()} and {@link #outparam()} (through the binding glue),
 * and waits on {@link #response()}: status and headers arrive as soon as the guest sets the outparam, the body
 * streams afterwards with backpressure. A failed {@link Response#body() body} publisher ({@code onError})
 * means "abort the HTTP response", never "end it normally". If {@link #requestBodyTooLarge()} is true, the
 * gateway answers 413 whatever the guest did.
 */
public final class HttpExchange {

    /**
     * @param requestBufferChunks at most this many request chunks buffered or requested at once
     * @param requestBufferBytes no more request demand while this many bytes are buffered
     * @param maxRequestBodyBytes request body limit (413 beyond), or -1 for none
     * @param responseChunkBytes response chunk size, and bytes allowed per unit of downstream demand
     * @param responseBufferBytes the most response bytes written by the guest and not yet sent downstream
     */
    public record Limits(int requestBufferChunks, long requestBufferBytes, long maxRequestBodyBytes,
            int responseChunkBytes, long responseBufferBytes) {
        public static final Limits DEFAULT = new Limits(4, 128 * 1024, -1, 16 * 1024, 64 * 1024);
    }

    /**
     * The guest's response head plus its streaming body.
     *
     * @param body the body chunks (single subscriber), or empty when the guest never asked for a body
     * @param trailers completes with the trailers (possibly none) after the last chunk, before completion
     */
    public record Response(int status, List<Map.Entry<String, byte[]>> headers,
            Optional<Flow.Publisher<ByteBuffer>> body, CompletableFuture<List<Map.Entry<String, byte[]>>> trailers) {}

    private final Limits limits;
    private final IncomingBodyStream requestBody;
    private final IncomingRequest request;
    private final ResponseOutparam outparam = new ResponseOutparam();
    private final CompletableFuture<Response> response;
    private volatile Supplier<List<Map.Entry<String, byte[]>>> requestTrailers = List::of;
    private final CompletableFuture<Void> abandoned = new CompletableFuture<>();

    private HttpExchange(Limits limits, String method, String scheme, String authority, String pathWithQuery,
            List<Map.Entry<String, byte[]>> headers, Flow.Publisher<ByteBuffer> body) throws HeaderErrorException {
        this.limits = limits;
        this.requestBody = new IncomingBodyStream(new IncomingBodyStream.Limits(limits.requestBufferChunks(),
                limits.requestBufferBytes(), limits.maxRequestBodyBytes()));
        CompletableFuture<Optional<Fields>> trailers = requestBody.ended().thenApply(v -> {
            try {
                List<Map.Entry<String, byte[]>> t = requestTrailers.get();
                return t.isEmpty() ? Optional.<Fields>empty() : Optional.of(Fields.received(t));
            } catch (HeaderErrorException e) {
                throw new IllegalArgumentException("invalid request trailers", e);
            }
        });
        this.request = new IncomingRequest(Method.of(method), Optional.ofNullable(scheme).map(Scheme::of),
                Optional.ofNullable(authority), Optional.ofNullable(pathWithQuery), Fields.received(headers),
                new IncomingBody(requestBody, trailers));
        this.response = outparam.response().handle((outcome, failure) -> {
            if (failure != null) {
                throw new NoResponseException("the guest did not set a response");
            }
            return switch (outcome) {
                case ResponseOutparam.Outcome.Error e -> throw new NoResponseException("the guest answered " + e.code());
                case ResponseOutparam.Outcome.Response r -> toResponse(r.response());
            };
        });
        body.subscribe(requestBody);
    }

    /**
     * @param headers the request headers as received (names any case; hop-by-hop headers may be present)
     * @throws IllegalArgumentException if a header name or value is malformed (the gateway answers 400)
     */
    public static HttpExchange open(Limits limits, String method, String scheme, String authority,
            String pathWithQuery, List<Map.Entry<String, byte[]>> headers, Flow.Publisher<ByteBuffer> body) {
        try {
            return new HttpExchange(limits, method, scheme, authority, pathWithQuery, headers, body);
        } catch (HeaderErrorException e) {
            throw new IllegalArgumentException("malformed request header: " + e.getMessage(), e);
        }
    }

    /**
     * Like {@link #open(Limits, String, String, String, String, List, Flow.Publisher)}, with the request trailers
     * read from {@code trailers} when the body publisher completes (the transport fills it while delivering the
     * last chunk; empty: no trailers).
     */
    public static HttpExchange open(Limits limits, String method, String scheme, String authority,
            String pathWithQuery, List<Map.Entry<String, byte[]>> headers, Flow.Publisher<ByteBuffer> body,
            Supplier<List<Map.Entry<String, byte[]>>> trailers) {
        HttpExchange exchange = open(limits, method, scheme, authority, pathWithQuery, headers, body);
        exchange.requestTrailers = trailers;
        return exchange;
    }

    /** Request trailers, if the transport delivers any; call before the body publisher completes. */
    public void requestTrailers(List<Map.Entry<String, byte[]>> trailers) {
        List<Map.Entry<String, byte[]>> copy = List.copyOf(trailers);
        this.requestTrailers = () -> copy;
    }

    /**
     * The client went away before the guest finished: the guest's call is interrupted (it fails with a trap of
     * reason {@code INTERRUPTED} and its instance is discarded), now if it is running, else as soon as it starts.
     * Idempotent.
     */
    public void abandon() {
        abandoned.complete(null);
    }

    /** Whether {@link #abandon()} was called. */
    public boolean isAbandoned() {
        return abandoned.isDone();
    }

    /** Runs {@code action} when the exchange is abandoned (at once if it already is). */
    void whenAbandoned(Runnable action) {
        abandoned.thenRun(action);
    }

    /** The request body went past {@link Limits#maxRequestBodyBytes()}: answer 413. */
    public boolean requestBodyTooLarge() {
        return requestBody.limitExceeded().isPresent();
    }

    /** Completes when the guest sets its response; fails with {@link NoResponseException}. */
    public CompletableFuture<Response> response() {
        return response;
    }

    /**
     * The guest is gone (returned, trapped, timed out): an unset outparam now fails the response, and a
     * response body that was not finished is aborted (a wasi:http 0.2 guest cannot write after it returns), and
     * the unread rest of the request body is cancelled upstream.
     */
    public void guestFinished() {
        requestBody.cancel(); // nobody reads the rest of the request body any more; no-op once it ended
        outparam.drop();
        CompletableFuture<ResponseOutparam.Outcome> set = outparam.response();
        if (set.isDone() && !set.isCompletedExceptionally() && set.join() instanceof ResponseOutparam.Outcome.Response r) {
            r.response().takenBody().ifPresent(b -> b.publisher().abort("the guest ended before finishing the response body"));
        }
    }

    // ---- for the binding glue (same module) ----

    IncomingRequest request() {
        return request;
    }

    ResponseOutparam outparam() {
        return outparam;
    }

    /** Response chunking for {@code outgoing-response} objects the glue creates for this exchange. */
    OutgoingBodyStream.Limits responseLimits() {
        return new OutgoingBodyStream.Limits(limits.responseChunkBytes(), limits.responseBufferBytes());
    }

    private static Response toResponse(OutgoingResponse r) {
        Optional<OutgoingBody> body = r.takenBody();
        CompletableFuture<List<Map.Entry<String, byte[]>>> trailers = body
                .map(b -> b.publisher().trailers().thenApply(t -> t.map(Fields::entries).orElse(List.of())))
                .orElseGet(() -> CompletableFuture.completedFuture(List.of()));
        return new Response(r.statusCode(), r.headers().entries(),
                body.map(OutgoingBody::publisher), trailers);
    }
}
