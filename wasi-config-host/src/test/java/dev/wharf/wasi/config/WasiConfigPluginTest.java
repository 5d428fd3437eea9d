package dev.wharf.wasi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.plugin.AppBinding;
import dev.wharf.engine.plugin.AppContext;
import dev.wharf.engine.plugin.HostPlugin;
import dev.wharf.engine.plugin.HostPlugins;
import dev.wharf.engine.plugin.PluginContext;
import dev.wharf.engine.values.WitValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plugin against real components: one probe component per interface name toolchains import (WAT under
 * {@code src/test/resources/probes}), each calling {@code get}/{@code get-all} through the canonical ABI and
 * handing back what it received.
 */
class WasiConfigPluginTest {
    static final String PROBE = "wharf:test/config-probe@0.1.0";
    static final List<String> PROBES = List.of("config-store-draft", "config-store-rc1", "config-store-spin",
            "config-runtime-draft");

    static Engine engine;

    /** A source over a map of "tenant/app" to values that tests change as they go. */
    static final class MapSource implements ConfigSource {
        final Map<String, Map<String, String>> apps = new ConcurrentHashMap<>();
        volatile RuntimeException failure;
        int reads;

        @Override
        public synchronized ConfigSnapshot snapshot(String tenant, String app) {
            reads++;
            if (failure != null) {
                throw failure;
            }
            return new ConfigSnapshot(apps.getOrDefault(tenant + "/" + app, Map.of()));
        }
    }

    @BeforeAll
    static void engine() {
        engine = Engine.create();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static byte[] probe(String name) {
        try (InputStream in = WasiConfigPluginTest.class.getResourceAsStream("/probes/" + name + ".wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PreparedComponent prepare(HostPlugin plugin, String probe) {
        return plugin.register(new Linker(engine)).prepare(engine.plan(probe(probe)));
    }

    static ComponentInstance instance(PreparedComponent prepared, AppBinding binding) {
        return prepared.instantiate(binding.prepare(InstanceOptions.defaults()));
    }

    /** (code, value) from the probe's get. */
    static List<Object> get(ComponentInstance instance, String key) {
        var t = (WitValue.TupleValue) instance.function(PROBE, "get").call(WitValue.string(key));
        return List.of(((WitValue.U32) t.elements().get(0)).bits(), ((WitValue.Str) t.elements().get(1)).value());
    }

    /** "code|k=v;k=v|message" from the probe's get-all. */
    static String getAll(ComponentInstance instance) {
        var t = (WitValue.TupleValue) instance.function(PROBE, "get-all").call();
        StringBuilder pairs = new StringBuilder();
        for (WitValue p : ((WitValue.ListValue) t.elements().get(1)).elements()) {
            var pair = (WitValue.TupleValue) p;
            pairs.append(((WitValue.Str) pair.elements().get(0)).value()).append('=')
                    .append(((WitValue.Str) pair.elements().get(1)).value()).append(';');
        }
        return ((WitValue.U32) t.elements().get(0)).bits() + "|" + pairs + "|" + ((WitValue.Str) t.elements().get(2)).value();
    }

    @ParameterizedTest
    @ValueSource(strings = {"config-store-draft", "config-store-rc1", "config-store-spin", "config-runtime-draft"})
    void everyInterfaceNameServesGetAndGetAll(String probe) {
        MapSource source = new MapSource();
        source.apps.put("acme/shop", Map.of("b.url", "https://b.example", "a_key", "α value ✓", "empty", ""));
        WasiConfigPlugin plugin = new WasiConfigPlugin(source);
        AppBinding binding = plugin.configure(new AppContext("acme", "shop", 1, Map.of()));
        try (ComponentInstance instance = instance(prepare(plugin, probe), binding)) {
            assertThat(get(instance, "a_key")).containsExactly(0, "α value ✓");
            assertThat(get(instance, "empty")).containsExactly(0, "");
            assertThat(get(instance, "missing")).containsExactly(1, "");
            assertThat(getAll(instance)).isEqualTo("0|a_key=α value ✓;b.url=https://b.example;empty=;|");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"config-store-draft", "config-store-rc1", "config-store-spin", "config-runtime-draft"})
    void anUnreadableKeyFailsAloneAndGetAllNamesIt(String probe) {
        ConfigSource source = (tenant, app) -> new ConfigSnapshot(Map.of("region", "eu"),
                Map.of("token", "secret 'token' cannot be decrypted: it was encrypted with key k1"));
        WasiConfigPlugin plugin = new WasiConfigPlugin(source);
        AppBinding binding = plugin.configure(new AppContext("acme", "shop", 1, Map.of()));
        try (ComponentInstance instance = instance(prepare(plugin, probe), binding)) {
            assertThat(get(instance, "token")).containsExactly(2,
                    "secret 'token' cannot be decrypted: it was encrypted with key k1");
            assertThat(get(instance, "region")).containsExactly(0, "eu");
            assertThat(get(instance, "missing")).containsExactly(1, "");
            assertThat(getAll(instance)).isEqualTo("2||secret 'token' cannot be decrypted: it was encrypted with key k1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"config-store-draft", "config-store-rc1", "config-store-spin", "config-runtime-draft"})
    void aFailingSourceIsTheGuestVisibleUpstreamError(String probe) {
        MapSource source = new MapSource();
        source.failure = new ConfigSourceException("the configuration store is unavailable");
        WasiConfigPlugin plugin = new WasiConfigPlugin(source);
        AppBinding binding = plugin.configure(new AppContext("acme", "shop", 1, Map.of()));
        try (ComponentInstance instance = instance(prepare(plugin, probe), binding)) {
            assertThat(get(instance, "k")).containsExactly(2, "the configuration store is unavailable");
            assertThat(getAll(instance)).isEqualTo("2||the configuration store is unavailable");
            source.failure = null; // a failure is not remembered: the next call reads again
            source.apps.put("acme/shop", Map.of("k", "v"));
            assertThat(get(instance, "k")).containsExactly(0, "v");
        }
    }

    @Test
    void anInstanceKeepsTheSnapshotOfItsFirstCallAndTheNextInstanceSeesChanges() {
        MapSource source = new MapSource();
        source.apps.put("acme/shop", Map.of("color", "red"));
        WasiConfigPlugin plugin = new WasiConfigPlugin(source);
        AppBinding binding = plugin.configure(new AppContext("acme", "shop", 1, Map.of()));
        PreparedComponent prepared = prepare(plugin, "config-store-rc1");
        try (ComponentInstance first = instance(prepared, binding)) {
            assertThat(get(first, "color")).containsExactly(0, "red");
            source.apps.put("acme/shop", Map.of("color", "blue", "size", "xl"));
            assertThat(get(first, "color")).containsExactly(0, "red");
            assertThat(get(first, "size")).containsExactly(1, "");
            assertThat(getAll(first)).isEqualTo("0|color=red;|");
            try (ComponentInstance next = instance(prepared, binding)) {
                assertThat(get(next, "color")).containsExactly(0, "blue");
                assertThat(get(next, "size")).containsExactly(0, "xl");
            }
        }
        assertThat(source.reads).isEqualTo(2);
    }

    @Test
    void aPooledInstanceTakesAFreshSnapshotAfterEachReset() {
        MapSource source = new MapSource();
        source.apps.put("acme/shop", Map.of("color", "red"));
        WasiConfigPlugin plugin = new WasiConfigPlugin(source);
        AppBinding binding = plugin.configure(new AppContext("acme", "shop", 1, Map.of()));
        PreparedComponent prepared = prepare(plugin, "config-store-rc1");
        try (ComponentInstance pooled = prepared.instantiateResettable(binding.prepare(InstanceOptions.defaults()))) {
            assertThat(get(pooled, "color")).containsExactly(0, "red");
            source.apps.put("acme/shop", Map.of("color", "blue"));
            assertThat(get(pooled, "color")).containsExactly(0, "red"); // one snapshot per request
            pooled.reset(); // the next request on the same instance
            assertThat(get(pooled, "color")).containsExactly(0, "blue");
        }
        assertThat(source.reads).isEqualTo(2);
    }

    @Test
    void eachAppSeesOnlyItsOwnView() {
        MapSource source = new MapSource();
        source.apps.put("acme/shop", Map.of("k", "shop"));
        source.apps.put("acme/blog", Map.of("k", "blog"));
        source.apps.put("other/shop", Map.of("k", "other tenant"));
        WasiConfigPlugin plugin = new WasiConfigPlugin(source);
        PreparedComponent prepared = prepare(plugin, "config-store-draft");
        for (var c : List.of(List.of("acme", "shop", "shop"), List.of("acme", "blog", "blog"),
                List.of("other", "shop", "other tenant"))) {
            AppBinding binding = plugin.configure(new AppContext(c.get(0), c.get(1), 1, Map.of()));
            try (ComponentInstance instance = instance(prepared, binding)) {
                assertThat(get(instance, "k")).containsExactly(0, c.get(2));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"wasi:config/store@0.2.0-draft2", "wasi:config/store@0.2.0", "wasi:config/runtime@0.2.0-rc.1"})
    void servesExactlyTheFourNames(String other) {
        WasiConfigPlugin plugin = new WasiConfigPlugin();
        assertThat(WasiConfigPlugin.interfaces()).containsExactly("wasi:config/store@0.2.0-draft",
                "wasi:config/store@0.2.0-rc.1", "wasi:config/store@0.2.0-draft-2024-09-27",
                "wasi:config/runtime@0.2.0-draft");
        WasiConfigPlugin.interfaces().forEach(name -> assertThat(plugin.provides(name)).isTrue());
        assertThat(plugin.provides(other)).isFalse();
    }

    @Test
    void isFoundByServiceLoaderAndTakesThePlatformSource() {
        HostPlugin plugin = HostPlugins.discover(getClass().getClassLoader()).stream()
                .filter(p -> p.name().equals("wasi:config")).findFirst().orElseThrow();
        assertThat(plugin.settingsKey()).isEqualTo("config");
        MapSource source = new MapSource();
        source.apps.put("acme/shop", Map.of("k", "from the platform"));
        plugin.init(PluginContext.of(Map.of(ConfigSource.class, source), key -> null));
        try (ComponentInstance instance = instance(prepare(plugin, "config-store-spin"),
                plugin.configure(new AppContext("acme", "shop", 3, Map.of())))) {
            assertThat(get(instance, "k")).containsExactly(0, "from the platform");
        }
    }

    @Test
    void withoutAPlatformSourceReadsTheDeveloperFileAndSeesItsEdits(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config.properties");
        Files.writeString(file, "greeting=hello\nname = wharf\n");
        WasiConfigPlugin plugin = new WasiConfigPlugin();
        plugin.init(PluginContext.of(Map.of(), key -> key.equals(WasiConfigPlugin.FILE_PROPERTY) ? file.toString() : null));
        AppBinding binding = plugin.configure(new AppContext("dev", "app", 1, Map.of()));
        PreparedComponent prepared = prepare(plugin, "config-store-rc1");
        try (ComponentInstance instance = instance(prepared, binding)) {
            assertThat(getAll(instance)).isEqualTo("0|greeting=hello;name=wharf;|");
        }
        Files.writeString(file, "greeting=bonjour\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        try (ComponentInstance instance = instance(prepared, binding)) {
            assertThat(getAll(instance)).isEqualTo("0|greeting=bonjour;|");
        }
        Files.delete(file);
        try (ComponentInstance instance = instance(prepared, binding)) {
            assertThat(getAll(instance)).startsWith("2||cannot read the configuration file");
        }
    }

    @Test
    void withNothingConfiguredServesNoValues() {
        WasiConfigPlugin plugin = new WasiConfigPlugin();
        plugin.init(PluginContext.empty());
        try (ComponentInstance instance = instance(prepare(plugin, "config-store-draft"),
                plugin.configure(new AppContext("t", "a", 1, Map.of())))) {
            assertThat(getAll(instance)).isEqualTo("0||");
            assertThat(get(instance, "anything")).containsExactly(1, "");
        }
    }

    @Test
    void appSettingsAreRejectedWithAReason() {
        WasiConfigPlugin plugin = new WasiConfigPlugin();
        assertThatThrownBy(() -> plugin.configure(new AppContext("t", "shop", 1, Map.of("values", Map.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PUT /v1/apps/shop/config/{key}");
    }

    @Test
    void snapshotsNeverPrintValues() {
        assertThat(new ConfigSnapshot(Map.of("password", "hunter2")).toString()).doesNotContain("hunter2");
    }
}
