package dev.wharf.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.internal.chicory.ChicoryCoreEngine;
import dev.wharf.engine.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostPluginsTest {

    /** A plugin serving every import whose name starts with a prefix; defines nothing. */
    abstract static class PrefixPlugin implements HostPlugin {
        private final String name;
        private final String prefix;

        PrefixPlugin(String name, String prefix) {
            this.name = name;
            this.prefix = prefix;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean provides(String importName) {
            return importName.startsWith(prefix);
        }

        @Override
        public Linker register(Linker linker) {
            return linker;
        }

        @Override
        public AppBinding configure(AppContext app) {
            return AppBinding.NONE;
        }
    }

    /** Registered in this module's test resources under META-INF/services. */
    public static final class KeyValueLike extends PrefixPlugin {
        public KeyValueLike() {
            super("test:kv", "wasi:keyvalue/");
        }
    }

    /** Registered too; sorts before {@link KeyValueLike}. */
    public static final class ConfigLike extends PrefixPlugin {
        public ConfigLike() {
            super("test:config", "wasi:config/");
        }
    }

    @Test
    void discoversRegisteredPluginsSortedByName() {
        List<HostPlugin> plugins = HostPlugins.discover(getClass().getClassLoader());
        assertThat(plugins).extracting(HostPlugin::name).containsExactly("test:config", "test:kv");
        assertThat(plugins).extracting(HostPlugin::settingsKey).containsExactly("config", "kv");
    }

    @Test
    void choosesOnlyThePluginsServingAnImport() {
        Engine engine = new Engine(ChicoryCoreEngine.builder().persistentCache(false).build());
        List<HostPlugin> plugins = HostPlugins.discover(getClass().getClassLoader());
        ComponentPlan kv = engine.plan(Fixtures.read(Fixtures.DIR.resolve("kv-counter-c.wasm")));
        ComponentPlan config = engine.plan(Fixtures.read(Fixtures.DIR.resolve("config-c.wasm")));
        ComponentPlan hello = engine.plan(Fixtures.read(Fixtures.DIR.resolve("hello-c.wasm")));

        assertThat(HostPlugins.needed(plugins, kv)).extracting(HostPlugin::name).containsExactly("test:kv");
        assertThat(HostPlugins.needed(plugins, config)).extracting(HostPlugin::name).containsExactly("test:config");
        assertThat(HostPlugins.needed(plugins, hello)).isEmpty();
    }

    @Test
    void contextOffersServicesByExactTypeAndProperties() {
        PluginContext context = PluginContext.of(Map.of(CharSequence.class, "db"), Map.of("wharf.kv.type", "memory")::get);
        assertThat(context.service(CharSequence.class)).contains("db");
        assertThat(context.service(String.class)).isEmpty();
        assertThat(context.property("wharf.kv.type")).contains("memory");
        assertThat(context.property("wharf.kv.other")).isEqualTo(Optional.empty());
        assertThat(PluginContext.empty().service(Object.class)).isEmpty();
        assertThatThrownBy(() -> PluginContext.of(Map.of(Integer.class, "not an int"), k -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Integer");
    }

    @Test
    void appContextCopiesSettings() {
        AppContext app = new AppContext("acme", "shop", 3, null);
        assertThat(app.settings()).isEmpty();
        assertThatThrownBy(() -> new AppContext(null, "shop", 1, Map.of())).isInstanceOf(NullPointerException.class);
    }
}
