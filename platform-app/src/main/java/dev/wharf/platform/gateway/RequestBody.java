package dev.wharf.platform.gateway;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.adapter.JdkFlowAdapter;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The request body as the wasi:http host reads it: a {@link Flow.Publisher} of copied chunks, or an empty one when
 * HTTP/1.x framing says the request has none (RFC 9112 6.3: neither {@code Transfer-Encoding} nor a positive
 * {@code Content-Length}), as for most GETs.
 *
 * <p>Why not always subscribe: subscribing to Reactor Netty's inbound body (its receiver, the adapters) was about 3 %
 * of the event loop's CPU for hello-c, where there is nothing to read. The guest sees the same empty body either way.
 */
final class RequestBody {
    /** Completes at once: no chunks, and no trailers (those need a chunked body). */
    static final Flow.Publisher<ByteBuffer> NONE = subscriber -> {
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
        });
        subscriber.onComplete();
    };

    private RequestBody() {}

    static Flow.Publisher<ByteBuffer> of(ServerHttpRequest request) {
        if (hasNone(request)) {
            return NONE;
        }
        return JdkFlowAdapter.publisherToFlowPublisher(request.getBody().map(RequestBody::copy));
    }

    /** HTTP/1.x framing without a body; HTTP/2 (or a server other than Reactor Netty) may carry one regardless. */
    static boolean hasNone(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        if (headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return false;
        }
        Object nativeRequest;
        try {
            nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return nativeRequest instanceof HttpServerRequest netty && netty.version().majorVersion() == 1;
    }

    /** Copies a (possibly pooled) buffer and releases it at once: the host never holds Netty memory. */
    private static ByteBuffer copy(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return ByteBuffer.wrap(bytes);
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
