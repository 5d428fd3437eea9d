package dev.wharf.platform.gateway;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

/**
 * The gateway's changes to Reactor Netty.
 *
 * <p><b>Request trailers.</b> Reactor Netty drops a last HTTP/1.1 chunk that has no data, and with it the request's
 * trailer section; this puts a small handler in every HTTP/1.1 connection's pipeline, after the HTTP codec and
 * Reactor Netty's request-pipelining guard, that keeps the current request's trailers in a channel attribute
 * ({@link #REQUEST_TRAILERS}, reset by each new request head) for {@link HttpTrailers} to read when the body ends.
 *
 * <p><b>h2c</b> ({@code wharf.gateway.h2c}, off by default): HTTP/2 over cleartext with prior knowledge, what load
 * balancers and service meshes speak to their backends, beside HTTP/1.1 on the same port. The HTTP/1.1
 * {@code Upgrade: h2c} route is not taken: Netty would have to hold an upgrading request's whole body in memory
 * (and answers 413 past a limit), which would break clients such as the JDK's that try the upgrade on a first
 * request with a body. Such a request is served over HTTP/1.1 instead, as RFC 9113 allows (it deprecates the
 * upgrade).
 *
 * <p>Any Spring Boot application serving the gateway must have this customizer as a bean (the full application
 * finds it by component scan; developer mode declares it).
 */
@Component
public final class GatewayNettyCustomizer implements NettyServerCustomizer {
    static final AttributeKey<List<Map.Entry<String, byte[]>>> REQUEST_TRAILERS = AttributeKey.valueOf("wharf.request-trailers");
    private static final String TRAILERS = "wharf.requestTrailers";
    private static final String NO_UPGRADE = "wharf.noH2cUpgrade";

    private final boolean h2c;

    public GatewayNettyCustomizer(Environment env) {
        this.h2c = env.getProperty("wharf.gateway.h2c", Boolean.class, false);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        HttpServer configured = h2c ? server.protocol(HttpProtocol.HTTP11, HttpProtocol.H2C) : server;
        return configured.doOnChannelInit((observer, channel, remote) -> {
            ChannelPipeline pipeline = channel.pipeline();
            ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
            if (codec == null || pipeline.get(TRAILERS) != null) {
                return; // not an HTTP/1.1 connection (HTTP/2 streams keep their trailers as a last content), or done
            }
            if (pipeline.get(HttpServerUpgradeHandler.class) != null) {
                pipeline.addAfter(codec.name(), NO_UPGRADE, IGNORE_H2C_UPGRADE);
            }
            if (pipeline.get(NettyPipeline.ReactiveBridge) != null) {
                pipeline.addBefore(NettyPipeline.ReactiveBridge, TRAILERS, CAPTURE);
            } else {
                pipeline.addLast(TRAILERS, CAPTURE);
            }
        });
    }

    private static final ChannelHandler CAPTURE = new Capture();
    private static final ChannelHandler IGNORE_H2C_UPGRADE = new IgnoreH2cUpgrade();

    @ChannelHandler.Sharable
    private static final class Capture extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                ctx.channel().attr(REQUEST_TRAILERS).set(null); // a new request: nothing received yet
            }
            if (msg instanceof LastHttpContent last && !last.trailingHeaders().isEmpty()) {
                List<Map.Entry<String, byte[]>> list = new ArrayList<>();
                last.trailingHeaders().iteratorAsString().forEachRemaining(
                        h -> list.add(Map.entry(h.getKey(), h.getValue().getBytes(StandardCharsets.ISO_8859_1))));
                ctx.channel().attr(REQUEST_TRAILERS).set(List.copyOf(list));
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Makes an {@code Upgrade: h2c} request an ordinary HTTP/1.1 one before Netty's upgrade handler sees it. */
    @ChannelHandler.Sharable
    private static final class IgnoreH2cUpgrade extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                HttpHeaders headers = request.headers();
                List<String> protocols = tokens(headers.getAll(HttpHeaderNames.UPGRADE));
                if (protocols.remove("h2c")) {
                    headers.remove(HttpHeaderNames.UPGRADE);
                    if (!protocols.isEmpty()) {
                        headers.set(HttpHeaderNames.UPGRADE, String.join(", ", protocols));
                    }
                    headers.remove("http2-settings");
                    List<String> connection = tokens(headers.getAll(HttpHeaderNames.CONNECTION));
                    connection.remove("http2-settings");
                    if (protocols.isEmpty()) {
                        connection.remove("upgrade");
                    }
                    headers.remove(HttpHeaderNames.CONNECTION);
                    if (!connection.isEmpty()) {
                        headers.set(HttpHeaderNames.CONNECTION, String.join(", ", connection));
                    }
                }
            }
            ctx.fireChannelRead(msg);
        }

        private static List<String> tokens(List<String> values) {
            return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(s -> s.trim().toLowerCase(Locale.ROOT))
                    .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(ArrayList::new));
        }
    }
}
