package dev.wharf.platform.serve;

import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.plugin.AppBinding;
import dev.wharf.engine.plugin.AppContext;
import dev.wharf.engine.plugin.HostPlugin;
import dev.wharf.engine.plugin.HostPlugins;
import dev.wharf.engine.plugin.PluginContext;
import dev.wharf.platform.gateway.GatewayComponent;
import dev.wharf.wasi.http.WasiHttpHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The host plugins of developer mode: the same ones the platform finds (ServiceLoader), initialised with no
 * services (so wasi:keyvalue keeps its data in memory and wasi:config reads {@code wharf.config.file}) and with
 * the command line's {@code --name=value} options, else the environment ({@code WHARF_CONFIG_FILE}), as
 * properties. The served file is one app of the tenant {@value #TENANT}, without app settings.
 */
final class ServePlugins implements AutoCloseable {
    static final String TENANT = "dev";

    private final GatewayComponent component;
    private final List<AppBinding> bindings;

    private ServePlugins(GatewayComponent component, List<AppBinding> bindings) {
        this.component = component;
        this.bindings = bindings;
    }

    /**
     * Plans {@code bytes}, initialises the plugins the component imports, links it against wasi:http plus those
     * plugins, and binds them to the served app.
     *
     * @throws dev.wharf.engine.ComponentException the bytes are not a valid component, or it does not link
     * @throws IllegalArgumentException it does not export {@code wasi:http/incoming-handler@0.2.x}
     * @throws IllegalStateException a plugin cannot start with these properties (e.g. an unknown keyvalue type)
     */
    static ServePlugins prepare(Engine engine, String fileName, byte[] bytes, Map<String, String> options,
            WasiHttpHost.Config config, GatewayComponent.Limits limits) {
        ComponentPlan plan = engine.plan(bytes);
        // only the plugins this component imports: one that it does not use cannot stop developer mode
        List<HostPlugin> plugins = HostPlugins.needed(HostPlugins.discover(ServePlugins.class.getClassLoader()), plan);
        PluginContext context = PluginContext.of(Map.of(), properties(options, System::getenv));
        Linker linker = WasiHttpHost.register(new Linker(engine));
        for (HostPlugin plugin : plugins) {
            plugin.init(context);
            linker = plugin.register(linker);
        }
        PreparedComponent prepared = linker.prepare(plan);
        String app = appName(fileName);
        List<AppBinding> bindings = new ArrayList<>();
        try {
            for (HostPlugin plugin : plugins) {
                bindings.add(plugin.configure(new AppContext(TENANT, app, 1, Map.of())));
            }
            List<AppBinding> chain = List.copyOf(bindings);
            GatewayComponent component = GatewayComponent.of(fileName, prepared, config, limits, o -> {
                InstanceOptions options1 = o;
                for (AppBinding b : chain) {
                    options1 = b.prepare(options1);
                }
                return options1;
            }, GatewayComponent.Observer.NONE);
            return new ServePlugins(component, chain);
        } catch (RuntimeException e) {
            bindings.forEach(AppBinding::close);
            throw e;
        }
    }

    /** {@code --wharf.config.file=...} first, then {@code WHARF_CONFIG_FILE} (Spring's relaxed form). */
    static Function<String, String> properties(Map<String, String> options, Function<String, String> env) {
        return key -> {
            String v = options.get(key);
            return v != null ? v : env.apply(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        };
    }

    static String appName(String fileName) {
        String base = fileName.endsWith(".wasm") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return base.isEmpty() ? "app" : base;
    }

    GatewayComponent component() {
        return component;
    }

    @Override
    public void close() {
        bindings.forEach(AppBinding::close);
    }
}
