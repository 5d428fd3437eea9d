package dev.wharf.wasi.config;

import dev.wharf.engine.Linker;
import dev.wharf.engine.plugin.AppBinding;
import dev.wharf.engine.plugin.AppContext;
import dev.wharf.engine.plugin.HostPlugin;
import dev.wharf.engine.plugin.PluginContext;
import dev.wharf.wasi.config.internal.ConfigBindings;
import dev.wharf.wasi.config.internal.ConfigState;
import java.nio.file.Path;
import java.util.List;

/**
 * Multitenant {@code wasi:config}: every app reads exactly its own merged configuration (tenant-wide values
 * overridden by the app's), from the platform's {@link ConfigSource}.
 *
 * <p>At {@link #init} the plugin takes the platform's {@link ConfigSource} service. Without one (developer mode,
 * no database) it reads the properties file named by {@code wharf.config.file} for every app, or serves no
 * values at all. Each instance takes one snapshot at its first {@code get}/{@code get-all}, so the values of a
 * request never change under it, and a change is seen by the next request. Guests' reads are reported to the
 * platform's {@link ConfigObserver} service, if it offers one.
 */
public final class WasiConfigPlugin implements HostPlugin {
    /** The developer-mode properties file, read when the platform offers no {@link ConfigSource}. */
    public static final String FILE_PROPERTY = "wharf.config.file";

    private volatile ConfigSource source = ConfigSource.EMPTY;
    private volatile ConfigObserver observer = ConfigObserver.NONE;

    public WasiConfigPlugin() {
    }

    /** A plugin reading {@code source}; {@link #init} may still replace it with the platform's. */
    public WasiConfigPlugin(ConfigSource source) {
        this.source = java.util.Objects.requireNonNull(source, "source");
    }

    @Override
    public String name() {
        return "wasi:config";
    }

    /** The interface names served, exactly as guests import them (pre-releases match only exactly). */
    public static List<String> interfaces() {
        return ConfigBindings.INTERFACES;
    }

    @Override
    public boolean provides(String importName) {
        return ConfigBindings.INTERFACES.contains(importName);
    }

    @Override
    public void init(PluginContext context) {
        observer = context.service(ConfigObserver.class).orElse(ConfigObserver.NONE);
        var service = context.service(ConfigSource.class);
        if (service.isPresent()) {
            source = service.get();
            return;
        }
        source = context.property(FILE_PROPERTY).filter(f -> !f.isBlank())
                .<ConfigSource>map(f -> new FileConfigSource(Path.of(f)))
                .orElse(source);
    }

    @Override
    public Linker register(Linker linker) {
        return ConfigBindings.register(linker);
    }

    @Override
    public AppBinding configure(AppContext app) {
        if (!app.settings().isEmpty()) {
            throw new IllegalArgumentException("'" + settingsKey() + "' takes no settings: set configuration values "
                    + "with PUT /v1/config/{key} (tenant-wide) or PUT /v1/apps/" + app.app() + "/config/{key}");
        }
        ConfigSource s = source;
        ConfigObserver o = observer;
        // a factory: the snapshot is per instance, and a pooled instance takes a fresh one at each reset
        return options -> options.withFactory(ConfigState.KEY, () -> new ConfigState(s, app.tenant(), app.app(), o));
    }
}
