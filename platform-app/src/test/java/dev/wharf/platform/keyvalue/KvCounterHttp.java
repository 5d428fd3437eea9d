package dev.wharf.platform.keyvalue;

import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.plugin.AppBinding;
import dev.wharf.engine.plugin.AppContext;
import dev.wharf.wasi.http.HttpExchange;
import dev.wharf.wasi.http.WasiHttpHost;
import dev.wharf.wasi.keyvalue.KeyValuePlugin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * The kv-counter-c fixture (a wasi:http component using wasi:keyvalue store and atomics) served the way the
 * platform will: one linker with wasi:http and the keyvalue plugin, each request prepared with the app's binding.
 */
final class KvCounterHttp {
    record Reply(int status, String body, String previous) {}

    private static final WasiHttpHost HTTP = new WasiHttpHost();
    private final PreparedComponent prepared;
    private final KeyValuePlugin plugin;

    KvCounterHttp(Engine engine, KeyValuePlugin plugin) {
        this.plugin = plugin;
        Linker linker = plugin.register(WasiHttpHost.register(new Linker(engine)));
        try {
            this.prepared = linker.prepare(engine.plan(Files.readAllBytes(Path.of("..", "src-test", "fixtures", "kv-counter-c.wasm"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET path} as app {@code app} of {@code tenant}, with its keyvalue settings. */
    Reply get(String tenant, Map<String, Object> settings, String path) throws Exception {
        AppBinding binding = plugin.configure(new AppContext(tenant, "counter", 1, settings));
        HttpExchange exchange = HttpExchange.open(HttpExchange.Limits.DEFAULT, "GET", "http", "localhost", path, List.of(),
                subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
                    boolean done;

                    @Override
                    public void request(long n) {
                        if (!done) {
                            done = true;
                            subscriber.onComplete();
                        }
                    }

                    @Override
                    public void cancel() {
                        done = true;
                    }
                }));
        CompletableFuture<Void> guest = CompletableFuture.runAsync(() -> {
            try {
                HTTP.handle(prepared, exchange, binding.prepare(InstanceOptions.defaults()), Duration.ofSeconds(60));
            } finally {
                exchange.guestFinished();
            }
        }, r -> Thread.ofVirtual().start(r));
        HttpExchange.Response response = exchange.response().get(60, TimeUnit.SECONDS);
        String previous = response.headers().stream().filter(h -> h.getKey().equals("x-kv-previous"))
                .map(h -> new String(h.getValue(), StandardCharsets.UTF_8)).findFirst().orElse(null);
        String body = response.body().isPresent() ? read(response.body().get()) : "";
        guest.get(60, TimeUnit.SECONDS);
        return new Reply(response.status(), body.strip(), previous);
    }

    private static String read(Flow.Publisher<ByteBuffer> body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(60, TimeUnit.SECONDS);
        return out.toString(StandardCharsets.UTF_8);
    }
}
