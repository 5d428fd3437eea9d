package dev.wharf.platform.gateway;

import dev.wharf.engine.Trap;
import dev.wharf.engine.TrapReason;
import dev.wharf.wasi.http.GuestExitException;
import dev.wharf.wasi.http.HttpExchange;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Serves one HTTP request with a {@link GatewayComponent}: adapts the WebFlux request to an {@link HttpExchange}
 * (request body streamed with backpressure, never buffered whole), runs the guest on a virtual thread (never on a
 * Netty event loop), and streams the guest's response back. Failures become short plain-text answers: trap 500,
 * deadline 504, request body over the limit 413, no response 500, no free slot 503 with {@code Retry-After}.
 */
public final class GatewayHandler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);

    /** Default bound on tasks (guest calls plus requests waiting for a slot) on virtual threads at once. */
    public static final int DEFAULT_MAX_TASKS = 4096;

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("wharf-guest-", 0).factory());
    private final Semaphore tasks;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong stoppedOnDisconnect = new AtomicLong();
    /** Virtual threads, at most {@code maxTasks} at once; beyond that a task is rejected (503). */
    private final Executor guests = task -> {
        if (!this.tasks().tryAcquire()) {
            throw new RejectedExecutionException("too many requests in flight");
        }
        try {
            threads.execute(() -> {
                try {
                    task.run();
                } finally {
                    this.tasks().release();
                }
            });
        } catch (RuntimeException e) {
            this.tasks().release();
            throw e;
        }
    };

    public GatewayHandler() {
        this(DEFAULT_MAX_TASKS);
    }

    public GatewayHandler(int maxTasks) {
        this.tasks = new Semaphore(maxTasks);
    }

    private Semaphore tasks() {
        return tasks;
    }

    /** Guest calls running now. */
    public int guestsRunning() {
        return running.get();
    }

    /** Guests interrupted (and their instances discarded) because their client went away before they finished. */
    public long guestsStoppedOnDisconnect() {
        return stoppedOnDisconnect.get();
    }

    public Mono<Void> handle(ServerWebExchange web, GatewayComponent component) {
        return handle(web, component, GuestView.AS_RECEIVED);
    }

    /** Like {@link #handle(ServerWebExchange, GatewayComponent)}, with the guest seeing the request as {@code view} says. */
    public Mono<Void> handle(ServerWebExchange web, GatewayComponent component, GuestView view) {
        ServerHttpRequest request = web.getRequest();
        ServerHttpResponse response = web.getResponse();
        long limit = component.limits().maxRequestBodyBytes();
        if (limit >= 0 && request.getHeaders().getContentLength() > limit) {
            return plain(response, 413, "request body larger than " + limit + " bytes");
        }
        // A free slot is taken at once, here on the event loop: that saves a virtual thread and a hop per request.
        if (tryAcquireNow(component)) {
            return run(web, component, view);
        }
        // Else wait for a slot on a virtual thread: an excess request waits briefly, then 503.
        CompletableFuture<Boolean> slot;
        try {
            slot = CompletableFuture.supplyAsync(() -> acquire(component), guests);
        } catch (RejectedExecutionException e) { // too many tasks, or shutting down
            return busy(response);
        }
        // Whoever comes first owns the slot: run() (it releases the slot when the guest ends), or a cancellation
        // (the client went away while waiting; then the slot is released as soon as it was acquired).
        AtomicBoolean claimed = new AtomicBoolean();
        return Mono.fromFuture(slot, true)
                .flatMap(acquired -> {
                    if (!acquired) {
                        return busy(response);
                    }
                    if (!claimed.compareAndSet(false, true)) {
                        return Mono.empty();
                    }
                    return run(web, component, view);
                })
                .doOnCancel(() -> slot.thenAccept(acquired -> {
                    if (acquired && claimed.compareAndSet(false, true)) {
                        component.slots().release();
                    }
                }));
    }

    /**
     * Takes a slot if one is free now, without waiting. A zero timeout rather than {@code tryAcquire()}: the
     * semaphore is fair, and this way a request does not overtake requests already queued for a slot.
     */
    private static boolean tryAcquireNow(GatewayComponent component) {
        try {
            return component.slots().tryAcquire(0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // not ours to swallow; the waiting path answers this request
            return false;
        }
    }

    private static boolean acquire(GatewayComponent component) {
        try {
            return component.slots().tryAcquire(component.limits().queueTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Mono<Void> run(ServerWebExchange web, GatewayComponent component, GuestView view) {
        ServerHttpRequest request = web.getRequest();
        ServerHttpResponse response = web.getResponse();
        HttpExchange exchange;
        try {
            exchange = HttpExchange.open(limits(component), request.getMethod().name(), scheme(request),
                    authority(request), view.pathWithQuery() != null ? view.pathWithQuery() : pathWithQuery(request.getURI()),
                    headers(request.getHeaders(), view),
                    RequestBody.of(request),
                    HttpTrailers.requestTrailers(request));
        } catch (IllegalArgumentException e) {
            component.slots().release();
            return plain(response, 400, "malformed request header");
        }
        CompletableFuture<Void> guest = new CompletableFuture<>();
        try {
            guests.execute(() -> {
                running.incrementAndGet();
                try {
                    component.serve(exchange);
                    guest.complete(null);
                } catch (Throwable t) {
                    if (exchange.isAbandoned() && t instanceof Trap trap && trap.reason() == TrapReason.INTERRUPTED) {
                        stoppedOnDisconnect.incrementAndGet();
                        log.info("{}: the client went away; guest stopped", component.name());
                    }
                    guest.completeExceptionally(t);
                } finally {
                    running.decrementAndGet();
                    component.slots().release();
                }
            });
        } catch (RejectedExecutionException e) { // too many tasks, or shutting down
            component.slots().release();
            exchange.guestFinished();
            return busy(response);
        }
        boolean trailers = HttpTrailers.clientAccepts(request);
        // The head arrives when the guest sets the outparam; no response at all -> the guest's outcome says why.
        // A cancel means the client went away (or the server is stopping): stop a guest still running at once.
        Mono<Void> served = Mono.fromFuture(exchange.response().handle((r, failure) -> Optional.ofNullable(r)), false)
                .flatMap(r -> {
                    if (r.isEmpty()) {
                        return Mono.fromFuture(guest.handle((v, failure) -> Optional.ofNullable(failure)), false)
                                .flatMap(failure -> failed(response, component, exchange, failure.orElse(null)));
                    }
                    if (exchange.requestBodyTooLarge()) {
                        // nobody will read this body: cancel it, so a guest still writing stops at once
                        r.get().body().ifPresent(b -> JdkFlowAdapter.flowPublisherToFlux(b).subscribe().dispose());
                        return tooLarge(response, component);
                    }
                    return write(response, r.get(), trailers);
                });
        return served.doOnCancel(() -> {
            if (!guest.isDone()) {
                exchange.abandon();
            }
        });
    }

    private static Mono<Void> failed(ServerHttpResponse response, GatewayComponent component, HttpExchange exchange,
            Throwable outcome) {
        if (exchange.requestBodyTooLarge()) {
            return tooLarge(response, component);
        }
        Throwable failure = outcome == null ? null : unwrap(outcome);
        if (failure instanceof Trap trap && trap.reason() == TrapReason.DEADLINE_EXCEEDED) {
            return plain(response, 504, "the component did not answer within " + component.limits().timeout().toMillis() + " ms");
        }
        if (failure instanceof Trap trap) {
            log.info("{}: guest trapped: {}: {}", component.name(), trap.reason(), trap.getMessage());
            return plain(response, 500, "the component failed: " + trap.reason().name().toLowerCase().replace('_', '-'));
        }
        if (failure instanceof GuestExitException) {
            return plain(response, 500, "the component exited with an error");
        }
        if (failure != null) {
            log.warn("{}: request failed", component.name(), failure);
            return plain(response, 500, "internal error");
        }
        return plain(response, 500, "the component did not send a response");
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static Mono<Void> write(ServerHttpResponse response, HttpExchange.Response r, boolean trailers) {
        response.setStatusCode(HttpStatusCode.valueOf(r.status()));
        HttpHeaders headers = response.getHeaders();
        for (Map.Entry<String, byte[]> h : r.headers()) {
            headers.add(h.getKey(), new String(h.getValue(), StandardCharsets.ISO_8859_1));
        }
        if (r.body().isEmpty()) {
            if (!headers.containsHeader(HttpHeaders.CONTENT_LENGTH)) {
                headers.setContentLength(0);
            }
            return response.setComplete();
        }
        // Hold the start of the body until the event loop writes the head: a body the guest finished by then goes
        // out with the head in one write (see ResponseBodyStart).
        ResponseBodyStart start = new ResponseBodyStart(eventLoopOf(response));
        r.body().get().subscribe(start);
        Mono<ResponseBodyStart.Start> handedOver = Mono.create(sink -> {
            sink.onCancel(start::cancel);
            start.whenReady(sink::success);
        });
        return handedOver.flatMap(body -> switch (body) {
            case ResponseBodyStart.Start.Complete c when !(trailers && !r.trailers().join().isEmpty()) -> {
                if (!headers.containsHeader(HttpHeaders.CONTENT_LENGTH)) {
                    headers.setContentLength(c.body().remaining());
                }
                yield response.writeWith(Mono.just(response.bufferFactory().wrap(c.body())));
            }
            case ResponseBodyStart.Start.Complete c -> stream(response, Flux.just(c.body()), r, trailers);
            case ResponseBodyStart.Start.Streaming st -> stream(response, JdkFlowAdapter.flowPublisherToFlux(st.body()), r, trailers);
        });
    }

    /** A chunked body (unless the guest set {@code content-length}), with the guest's trailers if the client takes them. */
    private static Mono<Void> stream(ServerHttpResponse response, Flux<ByteBuffer> chunks, HttpExchange.Response r,
            boolean trailers) {
        if (trailers) {
            HttpTrailers.sendWhenReady(response, r.trailers());
        }
        return response.writeWith(chunks.map(b -> response.bufferFactory().wrap(b)));
    }

    /** The connection's Netty event loop, or null when the server is not Reactor Netty. */
    private static Executor eventLoopOf(ServerHttpResponse response) {
        Object nativeResponse;
        try {
            nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!(nativeResponse instanceof HttpServerResponse netty)) {
            return null;
        }
        Executor[] loop = new Executor[1];
        netty.withConnection(c -> loop[0] = c.channel().eventLoop());
        return loop[0];
    }

    private static Mono<Void> tooLarge(ServerHttpResponse response, GatewayComponent component) {
        return plain(response, 413, "request body larger than " + component.limits().maxRequestBodyBytes() + " bytes");
    }

    private static Mono<Void> busy(ServerHttpResponse response) {
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return plain(response, 503, "the component is busy, retry later");
    }

    static Mono<Void> plain(ServerHttpResponse response, int status, String reason) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        byte[] bytes = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(HttpStatusCode.valueOf(status));
        response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    private static HttpExchange.Limits limits(GatewayComponent component) {
        HttpExchange.Limits d = HttpExchange.Limits.DEFAULT;
        return new HttpExchange.Limits(d.requestBufferChunks(), d.requestBufferBytes(),
                component.limits().maxRequestBodyBytes(), d.responseChunkBytes(), d.responseBufferBytes());
    }

    private static List<Map.Entry<String, byte[]>> headers(HttpHeaders headers, GuestView view) {
        List<Map.Entry<String, byte[]>> list = new ArrayList<>();
        // Spring's forEach yields a field once per spelling (X-A and x-a), each time with all of its values:
        // take each case-insensitive name once, so the guest sees every value once.
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (!seen.add(name) || (!view.droppedHeaders().isEmpty()
                    && view.droppedHeaders().contains(name.toLowerCase(Locale.ROOT))) || netty2(name)) {
                return;
            }
            for (String v : values) {
                list.add(Map.entry(name, v.getBytes(StandardCharsets.ISO_8859_1)));
            }
        });
        for (Map.Entry<String, String> added : view.addedHeaders()) {
            list.add(Map.entry(added.getKey(), added.getValue().getBytes(StandardCharsets.ISO_8859_1)));
        }
        return list;
    }

    /**
     * Netty's HTTP/2-to-HTTP/1.1 conversion adds {@code x-http2-scheme}, {@code x-http2-stream-id} and the like to an
     * h2c request: facts about the connection, not headers the client sent.
     */
    private static boolean netty2(String name) {
        return name.length() > 7 && name.regionMatches(true, 0, "x-http2-", 0, 8);
    }

    private static String scheme(ServerHttpRequest request) {
        String s = request.getURI().getScheme();
        return s == null ? "http" : s;
    }

    private static String authority(ServerHttpRequest request) {
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        return host != null ? host : request.getURI().getRawAuthority();
    }

    private static String pathWithQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    @Override
    public void close() {
        threads.shutdown();
    }
}
