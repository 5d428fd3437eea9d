package dev.wharf.platform.runtime;

import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.plugin.HostPlugin;
import dev.wharf.engine.plugin.HostPlugins;
import dev.wharf.engine.plugin.PluginContext;
import dev.wharf.wasi.http.WasiHttpHost;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The host plugins of this process: found with {@link HostPlugins#discover} (every
 * {@code META-INF/services/dev.wharf.engine.plugin.HostPlugin} on the class path), each initialised once with the
 * platform's Spring beans as services (looked up by exact type, when exactly one bean fits) and the Spring
 * {@link Environment} as properties. A plugin that fails its {@code init} stops the start-up.
 */
public final class PlatformPlugins {
    private static final Logger log = LoggerFactory.getLogger(PlatformPlugins.class);

    private final List<HostPlugin> plugins;

    PlatformPlugins(List<HostPlugin> plugins, PluginContext context) {
        this.plugins = plugins;
        for (HostPlugin plugin : plugins) {
            plugin.init(context);
            log.info("Host plugin {} ready (app settings field '{}')", plugin.name(), plugin.settingsKey());
        }
    }

    /** Discovers the plugins visible from {@code context}'s class loader and initialises them. */
    static PlatformPlugins discover(ApplicationContext context, Environment env) {
        ClassLoader loader = context.getClassLoader() != null ? context.getClassLoader()
                : PlatformPlugins.class.getClassLoader();
        return new PlatformPlugins(HostPlugins.discover(loader), contextOf(context, env));
    }

    static PluginContext contextOf(ApplicationContext context, Environment env) {
        return new PluginContext() {
            @Override
            public <T> Optional<T> service(Class<T> type) {
                return Optional.ofNullable(context.getBeanProvider(type).getIfUnique());
            }

            @Override
            public Optional<String> property(String key) {
                return Optional.ofNullable(env.getProperty(key));
            }
        };
    }

    public List<HostPlugin> all() {
        return plugins;
    }

    /** The plugins that provide at least one of these imports (full names with versions), in name order. */
    public List<HostPlugin> needed(Collection<String> importNames) {
        return plugins.stream().filter(p -> importNames.stream().anyMatch(p::provides)).toList();
    }

    /** A linker on {@code engine} with wasi:http (and the rest of the proxy world) plus every plugin. */
    public Linker newLinker(Engine engine) {
        Linker linker = WasiHttpHost.register(new Linker(engine));
        for (HostPlugin plugin : plugins) {
            linker = plugin.register(linker);
        }
        return linker;
    }
}
