package dev.wharf.wasi.http.internal.outbound;

import dev.wharf.wasi.http.Outbound;
import dev.wharf.wasi.http.OutboundPolicy;
import dev.wharf.wasi.http.internal.body.ErrorCode.Kind;
import dev.wharf.wasi.http.internal.body.HttpErrorException;
import dev.wharf.wasi.http.internal.body.IncomingBody;
import dev.wharf.wasi.http.internal.body.IncomingBodyStream;
import dev.wharf.wasi.http.internal.body.IncomingResponse;
import dev.wharf.wasi.http.internal.body.OutgoingBodyStream;
import dev.wharf.wasi.http.internal.body.OutgoingRequest;
import dev.wharf.wasi.http.internal.body.Scheme;
import dev.wharf.wasi.http.internal.fields.Fields;
import dev.wharf.wasi.http.internal.fields.HeaderErrorException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends a guest's {@code outgoing-request} with the JDK's non-blocking {@link HttpClient}:
 * resolve the host and ask the {@link OutboundPolicy} (on a virtual thread: name resolution blocks), then send
 * asynchronously. The request body streams from the guest's {@code outgoing-body} as it is written (the client's
 * demand is the guest's write permit); the response completes at the head, and its body streams into an
 * {@link IncomingBodyStream} with the guest's demand. Redirects are never followed (each hop would need the
 * policy) and no proxy is used.
 */
public final class OutboundClient {
    private static final System.Logger log = System.getLogger("dev.wharf.wasi.http.outbound");

    /** Hop-by-hop and client-managed headers: never forwarded from the guest. */
    static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            "http2-settings");

    /** One client per connect timeout (the JDK sets it per client), a few at most; they share nothing else. */
    private static final int MAX_CLIENTS = 16;
    private static final Map<Duration, HttpClient> CLIENTS = new ConcurrentHashMap<>();
    private static final Executor RESOLVERS = task -> Thread.ofVirtual().name("wharf-outbound-resolve").start(task);

    /**
     * @param connect {@code connect-timeout}; {@code firstByte} counts from the end of the connect; {@code betweenBytes}
     *     while reading the body
     */
    public record Timeouts(Duration connect, Duration firstByte, Duration betweenBytes) {}

    private OutboundClient() {}

    /**
     * Starts the request. Returns at once; the future completes at the response head, or fails with an
     * {@link HttpErrorException} carrying the guest-visible {@code error-code}. Cancelling the future aborts the
     * exchange.
     *
     * @throws HttpErrorException the request cannot be sent as built (no authority, bad scheme or URI)
     */
    public static CompletableFuture<IncomingResponse> send(OutgoingRequest request, Outbound config, Timeouts timeouts,
            IncomingBodyStream.Limits responseLimits) throws HttpErrorException {
        if (!config.enabled()) {
            throw OutboundErrors.of(Kind.HTTP_REQUEST_DENIED);
        }
        String scheme = switch (request.scheme().orElse(Scheme.Standard.HTTPS)) {
            case Scheme.Standard s -> s == Scheme.Standard.HTTP ? "http" : "https";
            case Scheme.Other o -> throw OutboundErrors.of(Kind.HTTP_PROTOCOL_ERROR);
        };
        String authority = request.authority().filter(a -> !a.isEmpty())
                .orElseThrow(() -> OutboundErrors.of(Kind.HTTP_REQUEST_URI_INVALID));
        String path = request.pathWithQuery().filter(p -> !p.isEmpty()).orElse("/");
        URI uri;
        try {
            uri = new URI(scheme + "://" + authority + (path.startsWith("/") ? path : "/" + path));
        } catch (URISyntaxException e) {
            throw OutboundErrors.of(Kind.HTTP_REQUEST_URI_INVALID);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw OutboundErrors.of(Kind.HTTP_REQUEST_URI_INVALID);
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("http") ? 80 : 443;
        HttpRequest httpRequest = build(request, uri, scheme, timeouts);
        Optional<OutgoingBodyStream> body = request.takenBody().map(b -> b.publisher());

        CompletableFuture<IncomingResponse> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>();
        // Resolution blocks: it runs on its own virtual thread, never on the guest's (handle returns at once).
        CompletableFuture.runAsync(() -> check(config, scheme, host, port), RESOLVERS).thenCompose(v -> {
            var sending = client(timeouts.connect()).sendAsync(httpRequest, HttpResponse.BodyHandlers.ofPublisher());
            inFlight.set(sending);
            if (result.isCancelled()) {
                sending.cancel(true);
            }
            return sending;
        }).whenComplete((response, failure) -> {
            if (failure != null) {
                body.ifPresent(b -> b.abort("the outbound request failed"));
                result.completeExceptionally(new HttpErrorException(OutboundErrors.map(failure)));
            } else if (!result.complete(toIncoming(response, timeouts, responseLimits))) {
                response.body().subscribe(CANCEL); // the guest dropped the future meanwhile
            }
        });
        result.whenComplete((r, f) -> {
            CompletableFuture<?> sending = inFlight.get();
            if (result.isCancelled() && sending != null) {
                sending.cancel(true); // the guest dropped the future: abort the exchange
            }
        });
        return result;
    }

    private static HttpRequest build(OutgoingRequest request, URI uri, String scheme, Timeouts timeouts)
            throws HttpErrorException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .version(scheme.equals("https") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .timeout(timeouts.connect().plus(timeouts.firstByte()));
        for (Map.Entry<String, byte[]> h : request.headers().entries()) {
            if (!NOT_FORWARDED.contains(h.getKey())) {
                try {
                    b.header(h.getKey(), new String(h.getValue(), StandardCharsets.ISO_8859_1));
                } catch (IllegalArgumentException e) {
                    // a name the JDK client manages itself (e.g. date in some versions): not forwarded
                }
            }
        }
        HttpRequest.BodyPublisher publisher = request.takenBody().map(body -> {
            OutgoingBodyStream stream = body.publisher();
            long length = stream.expectedLength().orElse(-1);
            return length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length)
                    : HttpRequest.BodyPublishers.fromPublisher(stream);
        }).orElse(HttpRequest.BodyPublishers.noBody());
        try {
            return b.method(request.method().wireName(), publisher).build();
        } catch (IllegalArgumentException e) {
            throw OutboundErrors.of(Kind.HTTP_REQUEST_METHOD_INVALID);
        }
    }

    /**
     * Resolves {@code host} and asks the policy about every address. The client resolves the name again when it
     * connects, through the same JVM address cache, so it normally connects to an address checked here (see
     * docs/wasi-http.md for the DNS-rebinding caveat).
     */
    private static void check(Outbound config, String scheme, String host, int port) {
        List<InetAddress> addresses;
        try {
            addresses = Arrays.asList(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new java.util.concurrent.CompletionException(new HttpErrorException(OutboundErrors.dnsError()));
        }
        OutboundPolicy.Decision decision = config.policy()
                .check(new OutboundPolicy.Target(config.identity(), scheme, host, port, addresses));
        if (decision instanceof OutboundPolicy.Decision.Deny deny) {
            log.log(System.Logger.Level.INFO, "outbound request of ''{0}'' to {1}://{2}:{3} denied: {4}",
                    config.identity(), scheme, host, port, deny.reason());
            throw new java.util.concurrent.CompletionException(OutboundErrors.of(Kind.HTTP_REQUEST_DENIED));
        }
    }

    private static IncomingResponse toIncoming(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response, Timeouts timeouts,
            IncomingBodyStream.Limits limits) {
        List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                values.forEach(v -> headers.add(Map.entry(name, v.getBytes(StandardCharsets.ISO_8859_1))));
            }
        });
        IncomingBodyStream stream = new IncomingBodyStream(limits);
        response.body().subscribe(new UpstreamBody(stream, timeouts.betweenBytes()));
        // The JDK client does not expose response trailers: the body ends with none.
        IncomingBody body = new IncomingBody(stream, stream.ended().thenApply(v -> Optional.<Fields>empty()));
        try {
            return new IncomingResponse(response.statusCode(), Fields.received(headers), body);
        } catch (HeaderErrorException e) {
            stream.cancel();
            throw new java.util.concurrent.CompletionException(OutboundErrors.of(Kind.HTTP_PROTOCOL_ERROR));
        }
    }

    private static HttpClient client(Duration connectTimeout) {
        HttpClient cached = CLIENTS.get(connectTimeout);
        if (cached != null) {
            return cached;
        }
        HttpClient fresh = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
        if (CLIENTS.size() >= MAX_CLIENTS) {
            return fresh; // an unusual timeout: this client is dropped (and its thread ends) after use
        }
        HttpClient raced = CLIENTS.putIfAbsent(connectTimeout, fresh);
        return raced != null ? raced : fresh;
    }

    private static final Flow.Subscriber<List<ByteBuffer>> CANCEL = new Flow.Subscriber<>() {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> item) {}

        @Override
        public void onError(Throwable throwable) {}

        @Override
        public void onComplete() {}
    };
}
