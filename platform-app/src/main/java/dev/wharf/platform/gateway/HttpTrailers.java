package dev.wharf.platform.gateway;

import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * HTTP trailers both ways, on Reactor Netty underneath WebFlux (WebFlux itself has no trailer API).
 *
 * <p>Request: the trailer section of a chunked HTTP/1.1 body, recorded by {@link GatewayNettyCustomizer}, is read
 * when the body ends and given to the guest's {@code future-trailers}.
 *
 * <p>Response: Reactor Netty writes trailers at the end of a chunked body only for names listed in the
 * response's {@code Trailer} header, which it reads when the body completes; wasi:http 0.2 reveals the
 * trailers only then, long after the head went out. So when the client said it accepts trailers
 * ({@code TE: trailers}), the gateway lists the guest's trailer names in the (in-memory) response headers
 * as soon as the guest finishes its body, just before the completion reaches Reactor Netty, and hands the
 * values over from its trailer callback. The head on the wire carries a {@code Trailer} header only if the
 * guest declared one itself (or the body was short enough to finish before the head was committed); RFC 9110
 * makes that declaration a SHOULD, and chunked parsers must accept undeclared trailer fields.
 */
final class HttpTrailers {
    /** RFC 9110 6.5.1: fields a sender must not put in trailers (framing, routing, controls, payload processing). */
    static final Set<String> NOT_ALLOWED = Set.of("age", "cache-control", "content-encoding", "content-length",
            "content-range", "content-type", "date", "expires", "location", "retry-after", "trailer",
            "transfer-encoding", "vary", "warning", "host", "authorization", "set-cookie", "connection", "te",
            "keep-alive", "upgrade", "proxy-authenticate", "proxy-authorization", "www-authenticate");

    private HttpTrailers() {}

    /**
     * The request's trailers as {@link GatewayNettyCustomizer} recorded them, read when the body has ended (empty:
     * none, or not a Reactor Netty HTTP/1.1 server with the customizer).
     */
    static Supplier<List<Map.Entry<String, byte[]>>> requestTrailers(ServerHttpRequest request) {
        HttpServerRequest netty = nativeOrNull(request);
        if (netty == null) {
            return List::of;
        }
        AtomicReference<Channel> channel = new AtomicReference<>();
        netty.withConnection(c -> channel.set(c.channel()));
        return () -> {
            Channel ch = channel.get();
            List<Map.Entry<String, byte[]>> trailers = ch == null ? null : ch.attr(GatewayNettyCustomizer.REQUEST_TRAILERS).get();
            return trailers == null ? List.of() : trailers;
        };
    }

    /** Whether the client accepts trailers: {@code TE} lists {@code trailers} (RFC 9110 10.1.4). */
    static boolean clientAccepts(ServerHttpRequest request) {
        return request.getHeaders().getValuesAsList("TE").stream()
                .anyMatch(v -> v.trim().toLowerCase(Locale.ROOT).startsWith("trailers"));
    }

    /**
     * Arranges for the guest's trailers to follow the chunked body. No effect when the server is not Reactor Netty
     * or the body is not chunked (a guest-set content-length).
     */
    static void sendWhenReady(ServerHttpResponse response, CompletableFuture<List<Map.Entry<String, byte[]>>> guestTrailers) {
        HttpServerResponse netty = nativeOrNull(response);
        if (netty == null) {
            return;
        }
        // Runs on the thread that finishes the guest's body, before the body's completion is signalled.
        guestTrailers.thenAccept(list -> {
            String names = allowed(list).stream().map(Map.Entry::getKey).distinct().collect(Collectors.joining(", "));
            if (!names.isEmpty()) {
                netty.responseHeaders().set("trailer", names);
            }
        });
        netty.trailerHeaders(headers -> {
            List<Map.Entry<String, byte[]>> list = guestTrailers.getNow(List.of());
            for (Map.Entry<String, byte[]> t : allowed(list)) {
                headers.add(t.getKey(), new String(t.getValue(), StandardCharsets.ISO_8859_1));
            }
        });
    }

    private static List<Map.Entry<String, byte[]>> allowed(List<Map.Entry<String, byte[]>> trailers) {
        return trailers.stream().filter(t -> !NOT_ALLOWED.contains(t.getKey().toLowerCase(Locale.ROOT))).toList();
    }

    private static HttpServerRequest nativeOrNull(ServerHttpRequest request) {
        try {
            Object n = ServerHttpRequestDecorator.getNativeRequest(request);
            return n instanceof HttpServerRequest r ? r : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static HttpServerResponse nativeOrNull(ServerHttpResponse response) {
        try {
            Object n = ServerHttpResponseDecorator.getNativeResponse(response);
            return n instanceof HttpServerResponse r ? r : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
