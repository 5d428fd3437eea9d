package dev.wharf.platform.gateway;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Lets request trailers reach the gateway. Reactor Netty drops a last HTTP/1.1 chunk that has no data, and with
 * it the request's trailer section; this puts a small handler in every HTTP/1.1 connection's pipeline, after the
 * HTTP codec and Reactor Netty's request-pipelining guard, that keeps the current request's trailers in a channel
 * attribute ({@link #REQUEST_TRAILERS}, reset by each new request head) for {@link HttpTrailers} to read when the
 * body ends.
 *
 * <p>Any Spring Boot application serving the gateway must have this customizer as a bean (the full application
 * finds it by component scan; developer mode declares it).
 */
@Component
public final class GatewayNettyCustomizer implements NettyServerCustomizer {
    static final AttributeKey<List<Map.Entry<String, byte[]>>> REQUEST_TRAILERS = AttributeKey.valueOf("wharf.request-trailers");
    private static final String NAME = "wharf.requestTrailers";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) == null || channel.pipeline().get(NAME) != null) {
                return; // not HTTP/1.1 (HTTP/2 streams keep their trailers as a last content with data or not at all)
            }
            if (channel.pipeline().get(NettyPipeline.ReactiveBridge) != null) {
                channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, NAME, CAPTURE);
            } else {
                channel.pipeline().addLast(NAME, CAPTURE);
            }
        });
    }

    private static final ChannelHandler CAPTURE = new Capture();

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
}
