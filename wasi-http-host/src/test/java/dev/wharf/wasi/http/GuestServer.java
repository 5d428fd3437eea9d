package dev.wharf.wasi.http;

import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.core.CoreLimits;
import dev.wharf.wasi.http.internal.testing.TestPublisher;
import dev.wharf.wasi.http.internal.testing.TestSubscriber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Test harness playing the gateway: opens an {@link HttpExchange} whose request body comes from a
 * {@link TestPublisher} fed on demand by a producer thread, runs {@link WasiHttpHost#handle} (fresh or
 * pooled instance) on a virtual thread, and hands the response body to a {@link TestSubscriber}.
 */
final class GuestServer {
    static final Path FIXTURES = Path.of("..", "src-test", "fixtures");

    static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(FIXTURES.resolve(name + ".wasm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PreparedComponent prepare(Engine engine, String name) {
        return WasiHttpHost.register(new Linker(engine)).prepare(engine.plan(fixture(name)));
    }

    /** How a {@link Call} runs the guest for its exchange: fresh instance, pooled, ... */
    @FunctionalInterface
    interface Runner {
        void run(HttpExchange exchange);
    }

    /** One request in flight. */
    static final class Call {
        final HttpExchange exchange;
        final TestPublisher requestBody = new TestPublisher();
        final CompletableFuture<Void> guest = new CompletableFuture<>();
        final Thread producer;

        Call(WasiHttpHost host, PreparedComponent prepared, String method, String path,
                List<Map.Entry<String, byte[]>> headers, Supplier<byte[]> chunks, Duration deadline) {
            this(host, prepared, method, path, headers, chunks, deadline, CoreLimits.UNLIMITED);
        }

        Call(WasiHttpHost host, PreparedComponent prepared, String method, String path,
                List<Map.Entry<String, byte[]>> headers, Supplier<byte[]> chunks, Duration deadline, CoreLimits limits) {
            this(exchange -> host.handle(prepared, exchange, limits, deadline), method, path, headers, chunks);
        }

        Call(Runner runner, String method, String path, List<Map.Entry<String, byte[]>> headers, Supplier<byte[]> chunks) {
            exchange = HttpExchange.open(HttpExchange.Limits.DEFAULT, method, "http", "localhost", path, headers, requestBody);
            producer = Thread.ofVirtual().start(() -> {
                try {
                    for (byte[] chunk = chunks.get(); chunk != null; chunk = chunks.get()) {
                        if (!requestBody.emitWhenRequested(chunk)) {
                            return;
                        }
                    }
                    requestBody.complete();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.ofVirtual().start(() -> {
                try {
                    runner.run(exchange);
                    guest.complete(null);
                } catch (Throwable t) {
                    guest.completeExceptionally(t);
                }
            });
        }

        HttpExchange.Response response() throws Exception {
            return exchange.response().get(60, TimeUnit.SECONDS);
        }

        /** Subscribes to the body and requests everything. */
        TestSubscriber readAll() throws Exception {
            TestSubscriber s = new TestSubscriber();
            HttpExchange.Response r = response();
            r.body().ifPresent(b -> {
                b.subscribe(s);
                s.request(Long.MAX_VALUE);
            });
            if (r.body().isEmpty()) {
                s.onComplete();
            }
            s.done.await(60, TimeUnit.SECONDS);
            return s;
        }

        void awaitGuest() throws Exception {
            guest.get(60, TimeUnit.SECONDS);
        }
    }

    static Supplier<byte[]> chunks(byte[]... chunks) {
        var it = List.of(chunks).iterator();
        return () -> it.hasNext() ? it.next() : null;
    }
}
