package dev.wharf.platform.config;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.plugin.AppContext;
import dev.wharf.engine.plugin.PluginContext;
import dev.wharf.engine.values.WitValue;
import dev.wharf.platform.testing.ApiClient;
import dev.wharf.wasi.config.ConfigSource;
import dev.wharf.wasi.config.WasiConfigPlugin;
import dev.wharf.wasi.http.HttpExchange;
import dev.wharf.wasi.http.WasiHttpHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/**
 * Runs real guests against the wasi:config plugin wired the way the platform wires it: found with the other
 * plugins' linker ({@code WasiHttpHost.register} + {@code plugin.register}), initialised with the platform's
 * {@link ConfigSource} bean as a service, configured per app, and prepared per instance.
 */
final class ConfigGuests implements AutoCloseable {
    static final Path PROBES = Path.of("../wasi-config-host/src/test/resources/probes");
    static final String PROBE = "wharf:test/config-probe@0.1.0";

    final Engine engine = Engine.create();
    final WasiConfigPlugin plugin = new WasiConfigPlugin();
    final Linker linker;
    final PreparedComponent configC;

    ConfigGuests(ConfigSource source) {
        plugin.init(PluginContext.of(Map.of(ConfigSource.class, source), key -> null));
        linker = plugin.register(WasiHttpHost.register(new Linker(engine)));
        configC = linker.prepare(engine.plan(ApiClient.fixture("config-c.wasm")));
    }

    /** One request to the config-c fixture deployed as {@code tenant}/{@code app}: "status body". */
    String http(String tenant, String app, String pathWithQuery) {
        HttpExchange exchange = HttpExchange.open(HttpExchange.Limits.DEFAULT, "GET", "http", "localhost",
                pathWithQuery, List.of(), JdkFlowAdapter.publisherToFlowPublisher(Flux.<ByteBuffer>empty()));
        InstanceOptions options = plugin.configure(new AppContext(tenant, app, 1, Map.of()))
                .prepare(InstanceOptions.defaults());
        Thread guest = Thread.ofVirtual().start(() -> new WasiHttpHost().handle(configC, exchange, options,
                Duration.ofSeconds(30)));
        try {
            HttpExchange.Response response = exchange.response().get(30, TimeUnit.SECONDS);
            String body = response.body().map(b -> JdkFlowAdapter.flowPublisherToFlux(b)
                    .map(ConfigGuests::text).collectList().block(Duration.ofSeconds(30)))
                    .map(parts -> String.join("", parts)).orElse("");
            guest.join(Duration.ofSeconds(30));
            return response.status() + " " + body;
        } catch (Exception e) {
            throw new AssertionError("the config-c request failed", e);
        }
    }

    private static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** An instance of the WAT probe importing one of the four interface names, deployed as tenant/app. */
    ComponentInstance probe(String name, String tenant, String app) {
        try {
            PreparedComponent prepared = linker.prepare(engine.plan(Files.readAllBytes(PROBES.resolve(name + ".wasm"))));
            return prepared.instantiate(plugin.configure(new AppContext(tenant, app, 1, Map.of()))
                    .prepare(InstanceOptions.defaults()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The probe's get: "code value" (0 some, 1 none, 2 upstream error, 3 io error). */
    static String get(ComponentInstance probe, String key) {
        var t = (WitValue.TupleValue) probe.function(PROBE, "get").call(WitValue.string(key));
        return ((WitValue.U32) t.elements().get(0)).bits() + " " + ((WitValue.Str) t.elements().get(1)).value();
    }

    @Override
    public void close() {
        engine.close();
    }
}
