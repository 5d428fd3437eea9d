package dev.wharf.wasi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.wasi.http.internal.body.ErrorCode;
import dev.wharf.wasi.http.internal.body.IncomingBody;
import dev.wharf.wasi.http.internal.body.Method;
import dev.wharf.wasi.http.internal.body.OutgoingBody;
import dev.wharf.wasi.http.internal.body.OutgoingResponse;
import dev.wharf.wasi.http.internal.body.ResponseOutparam;
import dev.wharf.wasi.http.internal.fields.Fields;
import dev.wharf.wasi.http.internal.io.StreamErrorException;
import dev.wharf.wasi.http.internal.io.WasiInputStream;
import dev.wharf.wasi.http.internal.io.WasiOutputStream;
import dev.wharf.wasi.http.internal.testing.TestPublisher;
import dev.wharf.wasi.http.internal.testing.TestSubscriber;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gateway-facing facade, with the guest played by plain calls on the plumbing (what the glue will do). */
class HttpExchangeTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void echoesARequestBodyIntoAStreamedResponseWithTrailers() throws Exception {
        TestPublisher requestBody = new TestPublisher();
        HttpExchange exchange = HttpExchange.open(HttpExchange.Limits.DEFAULT, "POST", "https", "example.com",
                "/echo?x=1", List.of(Map.entry("Content-Type", b("text/plain")), Map.entry("Connection", b("keep-alive"))),
                requestBody);

        // The guest, on its own thread: read everything, echo it back.
        CompletableFuture<Void> guest = CompletableFuture.runAsync(() -> {
            try {
                var request = exchange.request();
                assertThat(request.method()).isEqualTo(Method.Standard.POST);
                assertThat(request.pathWithQuery()).contains("/echo?x=1");
                assertThat(request.headers().isImmutable()).isTrue();
                assertThat(request.headers().has("connection")).as("hop-by-hop headers are left out, as in wasmtime").isFalse();
                assertThat(request.headers().has("content-type")).isTrue();
                IncomingBody body = request.consume().orElseThrow();
                assertThat(request.consume()).isEmpty();
                WasiInputStream in = body.stream().orElseThrow();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                while (true) {
                    try {
                        all.writeBytes(in.blockingRead(1 << 20));
                    } catch (StreamErrorException closed) {
                        break;
                    }
                }
                in.close();
                body.finish();

                Fields headers = new Fields();
                headers.append("content-type", b("text/plain"));
                OutgoingResponse response = new OutgoingResponse(headers, exchange.responseLimits());
                response.setStatusCode(201);
                OutgoingBody out = response.body().orElseThrow();
                exchange.outparam().set(new ResponseOutparam.Outcome.Response(response));
                WasiOutputStream stream = out.write().orElseThrow();
                byte[] echo = all.toByteArray();
                for (int i = 0; i < echo.length; i += 4096) {
                    stream.blockingWriteAndFlush(java.util.Arrays.copyOfRange(echo, i, Math.min(echo.length, i + 4096)));
                }
                stream.close();
                Fields trailers = new Fields();
                trailers.append("x-length", b(Integer.toString(echo.length)));
                out.finish(trailers);
            } catch (Exception e) {
                throw new RuntimeException(e);
            } finally {
                exchange.guestFinished();
            }
        });

        requestBody.emitWhenRequested(b("hello, "));
        requestBody.emitWhenRequested(b("wharf"));
        requestBody.complete();

        HttpExchange.Response response = exchange.response().get(5, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers()).extracting(Map.Entry::getKey).containsExactly("content-type");
        TestSubscriber sub = new TestSubscriber();
        response.body().orElseThrow().subscribe(sub);
        sub.request(Long.MAX_VALUE);
        assertThat(sub.done.await(5, TimeUnit.SECONDS)).isTrue();
        guest.get(5, TimeUnit.SECONDS);
        assertThat(new String(sub.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello, wharf");
        assertThat(response.trailers().get()).singleElement()
                .satisfies(e -> assertThat(new String(e.getValue(), StandardCharsets.UTF_8)).isEqualTo("12"));
        assertThat(exchange.requestBodyTooLarge()).isFalse();
    }

    @Test
    void aGuestThatEndsBeforeFinishingTheBodyAbortsTheResponse() throws Exception {
        HttpExchange exchange = HttpExchange.open(HttpExchange.Limits.DEFAULT, "GET", "http", null, "/", List.of(),
                new TestPublisher());
        OutgoingResponse response = new OutgoingResponse(new Fields(), exchange.responseLimits());
        OutgoingBody body = response.body().orElseThrow();
        exchange.outparam().set(new ResponseOutparam.Outcome.Response(response));
        TestSubscriber sub = new TestSubscriber();
        exchange.response().get().body().orElseThrow().subscribe(sub);
        sub.request(1);
        body.write().orElseThrow().blockingWriteAndFlush(b("partial"));
        exchange.guestFinished(); // returned (or trapped) without outgoing-body.finish
        assertThat(sub.events).containsExactly("next", "error");
        assertThat(exchange.response().get().trailers()).isCompletedExceptionally();
    }

    @Test
    void finishedBodiesAreNotAbortedWhenTheGuestEnds() throws Exception {
        HttpExchange exchange = HttpExchange.open(HttpExchange.Limits.DEFAULT, "GET", "http", null, "/", List.of(),
                new TestPublisher());
        OutgoingResponse response = new OutgoingResponse(new Fields(), exchange.responseLimits());
        OutgoingBody body = response.body().orElseThrow();
        exchange.outparam().set(new ResponseOutparam.Outcome.Response(response));
        WasiOutputStream out = body.write().orElseThrow();
        TestSubscriber sub = new TestSubscriber();
        exchange.response().get().body().orElseThrow().subscribe(sub);
        sub.request(1);
        out.write(b("done"));
        out.close();
        body.finish(null); // the flushed chunk still waits for demand
        exchange.guestFinished();
        sub.request(1);
        assertThat(sub.events).containsExactly("next", "complete");
    }

    @Test
    void aGuestThatSetsNoResponseFailsTheResponse() {
        HttpExchange exchange = HttpExchange.open(HttpExchange.Limits.DEFAULT, "GET", "http", null, "/", List.of(),
                new TestPublisher());
        exchange.guestFinished();
        assertThatThrownBy(() -> exchange.response().get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(NoResponseException.class);
    }

    @Test
    void anErrorCodeResponseFailsTheResponse() {
        HttpExchange exchange = HttpExchange.open(HttpExchange.Limits.DEFAULT, "GET", "http", null, "/", List.of(),
                new TestPublisher());
        exchange.outparam().set(new ResponseOutparam.Outcome.Error(new ErrorCode.InternalError(Optional.of("boom"))));
        assertThatThrownBy(() -> exchange.response().get()).hasCauseInstanceOf(NoResponseException.class)
                .hasMessageContaining("boom");
    }

    @Test
    void anOversizedRequestBodyIsFlaggedForA413() {
        TestPublisher requestBody = new TestPublisher();
        HttpExchange exchange = HttpExchange.open(new HttpExchange.Limits(4, 1024, 10, 1024, 4096), "PUT", "http",
                null, "/", List.of(), requestBody);
        requestBody.emit(new byte[11]);
        assertThat(exchange.requestBodyTooLarge()).isTrue();
        assertThat(requestBody.cancelled).isTrue();
    }

    @Test
    void malformedRequestHeadersAreRejected() {
        assertThatThrownBy(() -> HttpExchange.open(HttpExchange.Limits.DEFAULT, "GET", "http", null, "/",
                List.of(Map.entry("x", b("a\nb"))), new TestPublisher())).isInstanceOf(IllegalArgumentException.class);
    }
}
