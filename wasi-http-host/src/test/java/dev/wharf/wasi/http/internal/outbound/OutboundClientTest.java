package dev.wharf.wasi.http.internal.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.wharf.wasi.http.Outbound;
import dev.wharf.wasi.http.OutboundPolicy;
import dev.wharf.wasi.http.internal.body.ErrorCode;
import dev.wharf.wasi.http.internal.body.FutureTrailers;
import dev.wharf.wasi.http.internal.body.HttpErrorException;
import dev.wharf.wasi.http.internal.body.IncomingBody;
import dev.wharf.wasi.http.internal.body.IncomingBodyStream;
import dev.wharf.wasi.http.internal.body.IncomingResponse;
import dev.wharf.wasi.http.internal.body.Method;
import dev.wharf.wasi.http.internal.body.OutgoingBody;
import dev.wharf.wasi.http.internal.body.OutgoingBodyStream;
import dev.wharf.wasi.http.internal.body.OutgoingRequest;
import dev.wharf.wasi.http.internal.body.Scheme;
import dev.wharf.wasi.http.internal.fields.Fields;
import dev.wharf.wasi.http.internal.io.StreamErrorException;
import dev.wharf.wasi.http.internal.io.WasiInputStream;
import dev.wharf.wasi.http.internal.io.WasiOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The outbound plumbing without a guest, against a real JDK {@link HttpServer}: request bodies streamed as the
 * "guest" writes them, response bodies read through the incoming-body stream, the between-bytes timeout.
 */
@Timeout(60)
class OutboundClientTest {
    private static HttpServer server;
    private static final CountDownLatch release = new CountDownLatch(1);
    private static final AtomicReference<Map<String, List<String>>> seen = new AtomicReference<>();
    private static final AtomicLong uploaded = new AtomicLong();
    private static final Outbound CONFIG = Outbound.DEFAULT.withPolicy(OutboundPolicy.ALLOW_ALL).withIdentity("test");
    private static final OutboundClient.Timeouts TIMEOUTS =
            new OutboundClient.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10));

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/echo", ex -> {
            seen.set(Map.copyOf(ex.getRequestHeaders()));
            byte[] body = ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("x-method", ex.getRequestMethod());
            ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/count", ex -> {
            long n = 0;
            try (InputStream in = ex.getRequestBody()) {
                byte[] buf = new byte[65536];
                for (int r; (r = in.read(buf)) > 0; ) {
                    n += r;
                }
            }
            uploaded.set(n);
            byte[] text = Long.toString(n).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, text.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(text);
            }
        });
        server.createContext("/stall", ex -> {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("first".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        server.stop(0);
    }

    private static OutgoingRequest request(Method method, String path, List<Map.Entry<String, byte[]>> headers) throws Exception {
        OutgoingRequest r = new OutgoingRequest(Fields.fromList(headers), OutgoingBodyStream.Limits.DEFAULT);
        r.setMethod(method);
        r.setScheme(Optional.of(Scheme.Standard.HTTP));
        r.setAuthority(Optional.of("127.0.0.1:" + server.getAddress().getPort()));
        r.setPathWithQuery(Optional.of(path));
        return r;
    }

    /** Reads the whole body as a guest would: blocking-read until closed. */
    private static byte[] readAll(IncomingResponse response) throws Exception {
        IncomingBody body = response.consume().orElseThrow();
        WasiInputStream in = body.stream().orElseThrow();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            while (true) {
                all.write(in.blockingRead(65536));
            }
        } catch (StreamErrorException e) {
            assertThat(e.error()).isInstanceOf(dev.wharf.wasi.http.internal.io.StreamError.Closed.class);
        }
        return all.toByteArray();
    }

    @Test
    void postsABodyWrittenAfterTheRequestWasSent() throws Exception {
        OutgoingRequest request = request(Method.Standard.POST, "/echo",
                List.of(Map.entry("x-custom", "1".getBytes()), Map.entry("te", "trailers".getBytes())));
        OutgoingBody body = request.body().orElseThrow();
        var future = OutboundClient.send(request, CONFIG, TIMEOUTS, IncomingBodyStream.Limits.DEFAULT);
        WasiOutputStream out = body.write().orElseThrow();
        out.blockingWriteAndFlush("hello ".getBytes(StandardCharsets.UTF_8));
        out.blockingWriteAndFlush("upstream".getBytes(StandardCharsets.UTF_8));
        out.close();
        body.finish(null);
        IncomingResponse response = future.get(20, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("x-method")).containsExactly("POST".getBytes());
        assertThat(new String(readAll(response), StandardCharsets.UTF_8)).isEqualTo("hello upstream");
        assertThat(seen.get()).containsKey("X-custom").doesNotContainKey("Te");
    }

    @Test
    void streamsALargeRequestBodyWithBackpressure() throws Exception {
        long total = 8L * 1024 * 1024;
        OutgoingRequest request = request(Method.Standard.PUT, "/count",
                List.of(Map.entry("content-length", Long.toString(total).getBytes())));
        OutgoingBody body = request.body().orElseThrow();
        var future = OutboundClient.send(request, CONFIG, TIMEOUTS, IncomingBodyStream.Limits.DEFAULT);
        WasiOutputStream out = body.write().orElseThrow();
        byte[] chunk = new byte[4096];
        Arrays.fill(chunk, (byte) 'x');
        long maxPermit = 0;
        for (long sent = 0; sent < total; ) {
            out.subscribe().block();
            long permit = out.checkWrite();
            maxPermit = Math.max(maxPermit, permit);
            int n = (int) Math.min(Math.min(permit, chunk.length), total - sent);
            if (n > 0) {
                out.write(Arrays.copyOf(chunk, n));
                sent += n;
            }
        }
        out.blockingFlush();
        out.close();
        body.finish(null);
        IncomingResponse response = future.get(20, TimeUnit.SECONDS);
        assertThat(new String(readAll(response), StandardCharsets.UTF_8)).isEqualTo(Long.toString(total));
        assertThat(uploaded.get()).isEqualTo(total);
        assertThat(maxPermit).isLessThanOrEqualTo(OutgoingBodyStream.Limits.DEFAULT.maxBufferedBytes());
    }

    @Test
    void betweenBytesTimeoutFailsTheBodyWithConnectionReadTimeout() throws Exception {
        var timeouts = new OutboundClient.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(300));
        IncomingResponse response = OutboundClient.send(request(Method.Standard.GET, "/stall", List.of()), CONFIG, timeouts,
                IncomingBodyStream.Limits.DEFAULT).get(20, TimeUnit.SECONDS);
        IncomingBody body = response.consume().orElseThrow();
        WasiInputStream in = body.stream().orElseThrow();
        assertThat(new String(in.blockingRead(100), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThatThrownBy(() -> in.blockingRead(100)).isInstanceOfSatisfying(StreamErrorException.class, e -> {
            var failed = (dev.wharf.wasi.http.internal.io.StreamError.LastOperationFailed) e.error();
            assertThat(failed.error().cause()).isInstanceOfSatisfying(HttpErrorException.class,
                    h -> assertThat(h.code()).isEqualTo(ErrorCode.of(ErrorCode.Kind.CONNECTION_READ_TIMEOUT)));
        });
        in.close();
        FutureTrailers trailers = body.finish();
        trailers.subscribe().block();
        assertThat(trailers.get().orElseThrow())
                .isEqualTo(new FutureTrailers.Outcome.Failed(ErrorCode.of(ErrorCode.Kind.CONNECTION_READ_TIMEOUT)));
    }

    @Test
    void aRequestBodyShorterThanItsContentLengthIsHttpRequestBodySize() throws Exception {
        OutgoingRequest request = request(Method.Standard.POST, "/echo", List.of(Map.entry("content-length", "10".getBytes())));
        OutgoingBody body = request.body().orElseThrow();
        var future = OutboundClient.send(request, CONFIG, TIMEOUTS, IncomingBodyStream.Limits.DEFAULT);
        WasiOutputStream out = body.write().orElseThrow();
        out.blockingWriteAndFlush("short".getBytes(StandardCharsets.UTF_8));
        out.close();
        assertThatThrownBy(() -> body.finish(null)).isInstanceOfSatisfying(HttpErrorException.class,
                e -> assertThat(e.code()).isEqualTo(new ErrorCode.HttpRequestBodySize(java.util.OptionalLong.of(5))));
        assertThatThrownBy(() -> future.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(HttpErrorException.class);
    }

    @Test
    void requestsThatCannotBeSentFailAtOnce() throws Exception {
        OutgoingRequest noAuthority = new OutgoingRequest(new Fields(), OutgoingBodyStream.Limits.DEFAULT);
        noAuthority.setScheme(Optional.of(Scheme.Standard.HTTP));
        assertThatThrownBy(() -> OutboundClient.send(noAuthority, CONFIG, TIMEOUTS, IncomingBodyStream.Limits.DEFAULT))
                .isInstanceOfSatisfying(HttpErrorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.of(ErrorCode.Kind.HTTP_REQUEST_URI_INVALID)));
        OutgoingRequest ftp = request(Method.Standard.GET, "/", List.of());
        ftp.setScheme(Optional.of(new Scheme.Other("ftp")));
        assertThatThrownBy(() -> OutboundClient.send(ftp, CONFIG, TIMEOUTS, IncomingBodyStream.Limits.DEFAULT))
                .isInstanceOfSatisfying(HttpErrorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.of(ErrorCode.Kind.HTTP_PROTOCOL_ERROR)));
        var disabled = new Outbound(OutboundPolicy.ALLOW_ALL, "t", Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), false);
        assertThatThrownBy(() -> OutboundClient.send(request(Method.Standard.GET, "/", List.of()), disabled, TIMEOUTS,
                IncomingBodyStream.Limits.DEFAULT)).isInstanceOf(HttpErrorException.class);
    }

    @Test
    void droppingTheFutureCancelsTheRequest() throws Exception {
        var future = OutboundClient.send(request(Method.Standard.GET, "/stall", List.of()), CONFIG, TIMEOUTS,
                IncomingBodyStream.Limits.DEFAULT);
        var resource = new dev.wharf.wasi.http.internal.body.FutureIncomingResponse(future);
        resource.drop();
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(java.util.concurrent.CancellationException.class);
    }
}
