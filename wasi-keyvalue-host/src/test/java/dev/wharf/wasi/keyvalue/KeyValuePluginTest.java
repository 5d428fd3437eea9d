package dev.wharf.wasi.keyvalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.UnlinkableComponentException;
import dev.wharf.engine.plugin.AppContext;
import dev.wharf.engine.plugin.HostPlugin;
import dev.wharf.engine.plugin.HostPlugins;
import dev.wharf.engine.plugin.PluginContext;
import dev.wharf.wasi.keyvalue.internal.AtomicsGlue;
import dev.wharf.wasi.keyvalue.internal.BatchGlue;
import dev.wharf.wasi.keyvalue.internal.BucketGlue;
import dev.wharf.wasi.keyvalue.internal.KvVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValuePluginTest {

    @Test
    void isFoundByServiceLoaderAndServesBothDraftsOnly() {
        List<HostPlugin> plugins = HostPlugins.discover(getClass().getClassLoader());
        HostPlugin kv = plugins.stream().filter(p -> p.name().equals("wasi:keyvalue")).findFirst().orElseThrow();
        assertThat(kv).isInstanceOf(KeyValuePlugin.class);
        assertThat(kv.settingsKey()).isEqualTo("keyvalue");
        assertThat(kv.provides("wasi:keyvalue/store@0.2.0-draft2")).isTrue();
        assertThat(kv.provides("wasi:keyvalue/batch@0.2.0-draft")).isTrue();
        assertThat(kv.provides("wasi:keyvalue/atomics@0.2.0-draft3")).isFalse();
        assertThat(kv.provides("wasi:keyvalue/store@0.2.0-rc.1")).isFalse();
        assertThat(kv.provides("wasi:http/types@0.2.10")).isFalse();
    }

    @Test
    void choosesMemoryWithoutADataSourceAndRejectsUnknownTypes() {
        KeyValuePlugin plugin = new KeyValuePlugin();
        plugin.init(PluginContext.empty());
        assertThat(plugin.backend()).isInstanceOf(MemoryBackend.class);
        assertThat(plugin.backend().limits()).isEqualTo(KeyValueLimits.DEFAULT);

        KeyValuePlugin tuned = new KeyValuePlugin();
        tuned.init(PluginContext.of(Map.of(), Map.of("wharf.keyvalue.page-size", "7", "wharf.keyvalue.max-key-bytes", "32")::get));
        assertThat(tuned.backend().limits().pageSize()).isEqualTo(7);
        assertThat(tuned.backend().limits().maxKeyBytes()).isEqualTo(32);

        assertThatThrownBy(() -> new KeyValuePlugin().init(PluginContext.of(Map.of(), Map.of("wharf.keyvalue.type", "redis")::get)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("redis").hasMessageContaining("memory, postgres");
        assertThatThrownBy(() -> new KeyValuePlugin().init(PluginContext.of(Map.of(), Map.of("wharf.keyvalue.type", "postgres")::get)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("javax.sql.DataSource");
        assertThatThrownBy(() -> new KeyValuePlugin().init(PluginContext.of(Map.of(), Map.of("wharf.keyvalue.page-size", "lots")::get)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wharf.keyvalue.page-size");
    }

    @Test
    void settingsAreCheckedAtConfigure() {
        KeyValuePlugin plugin = new KeyValuePlugin(new MemoryBackend(KeyValueLimits.DEFAULT));
        assertThatThrownBy(() -> plugin.configure(new AppContext("t", "a", 1, Map.of("buckets", "default"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a list");
        assertThatThrownBy(() -> plugin.configure(new AppContext("t", "a", 1, Map.of("buckets", List.of("ok", "Not OK")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[Not OK]");
        assertThatThrownBy(() -> plugin.configure(new AppContext("t", "a", 1, Map.of("bucket", List.of("x")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown setting 'bucket'");
        assertThat(BucketAccess.of("t", Map.of()).buckets()).containsExactly("default");
        assertThat(BucketAccess.of("t", Map.of("buckets", List.of("", "cache"))).buckets()).containsExactlyInAnyOrder("default", "cache");
    }

    @Test
    void theLinkerNeverServesDraftWithDraft2() {
        try (Engine engine = Engine.create()) {
            Linker onlyDraft2 = new Linker(engine);
            BucketGlue.register(onlyDraft2, KvVersion.DRAFT2);
            AtomicsGlue.register(onlyDraft2, KvVersion.DRAFT2);
            BatchGlue.register(onlyDraft2, KvVersion.DRAFT2);
            assertThatThrownBy(() -> onlyDraft2.prepare(engine.plan(KvGuest.bytes("kv-draft"))))
                    .isInstanceOf(UnlinkableComponentException.class).hasMessageContaining("wasi:keyvalue/store@0.2.0-draft");
            Linker onlyDraft = new Linker(engine);
            BucketGlue.register(onlyDraft, KvVersion.DRAFT);
            AtomicsGlue.register(onlyDraft, KvVersion.DRAFT);
            BatchGlue.register(onlyDraft, KvVersion.DRAFT);
            assertThatThrownBy(() -> onlyDraft.prepare(engine.plan(KvGuest.bytes("kv-draft2"))))
                    .isInstanceOf(UnlinkableComponentException.class).hasMessageContaining("0.2.0-draft2");
        }
    }
}
