package dev.wharf.platform.apps;

import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.core.MemoryBudget;
import dev.wharf.engine.plugin.AppBinding;
import dev.wharf.engine.plugin.AppContext;
import dev.wharf.engine.plugin.HostPlugin;
import dev.wharf.engine.plugin.HostPlugins;
import dev.wharf.platform.gateway.GatewayComponent;
import dev.wharf.platform.logs.AppLogWriter;
import dev.wharf.platform.metrics.PlatformMetrics;
import dev.wharf.platform.metrics.PoolMetrics;
import dev.wharf.platform.runtime.PlatformPlugins;
import dev.wharf.platform.store.ComponentStore;
import dev.wharf.wasi.http.WasiHttpHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Turns an active revision into a {@link LiveRevision}: loads the component's bytes by digest, plans them on the
 * platform engine (its compile caches make this cheap once the component was compiled), links them against
 * wasi:http and the host plugins, and binds every plugin the component needs to the revision
 * ({@link HostPlugin#configure}).
 */
@Component
class RevisionLoader {
    private static final Logger guestLog = LoggerFactory.getLogger("wharf.guest");

    private final Engine engine;
    private final Linker linker;
    private final PlatformPlugins plugins;
    private final ComponentStore components;
    private final PlatformMetrics metrics;
    private final PoolMetrics poolMetrics;
    private final MemoryBudget memoryBudget;
    private final int poolMaxIdle;
    private final Duration queueTimeout;
    private final long maxRequestBody;
    private final long stdioMaxBytes;
    private final AppLogWriter appLogs;

    RevisionLoader(Engine engine, Linker linker, PlatformPlugins plugins, ComponentStore components, PlatformMetrics metrics,
            PoolMetrics poolMetrics, MemoryBudget memoryBudget, AppLogWriter appLogs, Environment env) {
        this.appLogs = appLogs;
        this.engine = engine;
        this.linker = linker;
        this.plugins = plugins;
        this.components = components;
        this.metrics = metrics;
        this.poolMetrics = poolMetrics;
        this.memoryBudget = memoryBudget;
        this.poolMaxIdle = env.getProperty("wharf.gateway.pool.max-idle", Integer.class, 4);
        this.queueTimeout = env.getProperty("wharf.gateway.queue-timeout", Duration.class, Duration.ofSeconds(1));
        this.maxRequestBody = env.getProperty("wharf.gateway.max-request-body", DataSize.class,
                DataSize.ofMegabytes(64)).toBytes();
        this.stdioMaxBytes = env.getProperty("wharf.gateway.stdio-max-bytes", DataSize.class,
                DataSize.ofKilobytes(64)).toBytes();
    }

    /** Blocking (database, maybe a compile): run off the event loop. */
    LiveRevision load(ActiveRevision r) {
        byte[] bytes = components.bytes(r.digest()).orElseThrow(
                () -> new IllegalStateException("component " + r.digest() + " is not in the database"));
        ComponentPlan plan = engine.plan(bytes);
        PreparedComponent prepared = linker.prepare(plan);
        List<AppBinding> bindings = new ArrayList<>();
        try {
            for (HostPlugin plugin : HostPlugins.needed(plugins.all(), plan)) {
                bindings.add(plugin.configure(
                        new AppContext(r.tenant(), r.app(), r.revision(), r.settings(plugin.settingsKey()))));
            }
            List<AppBinding> chain = List.copyOf(bindings);
            String name = r.tenant() + "/" + r.app();
            GatewayComponent component = GatewayComponent.of(name, prepared, config(r, name), limits(r), options -> {
                InstanceOptions o = options;
                for (AppBinding b : chain) {
                    o = b.prepare(o);
                }
                return o;
            }, metrics::trapped, new GatewayComponent.Pooling(poolMaxIdle, memoryBudget,
                    poolMetrics.listener(r.tenant(), r.app())));
            poolMetrics.serving(r.tenant(), r.app(), component::poolStats);
            return new LiveRevision(r, component, chain);
        } catch (RuntimeException e) {
            bindings.forEach(AppBinding::close);
            throw e;
        }
    }

    private WasiHttpHost.Config config(ActiveRevision r, String name) {
        List<Map.Entry<String, String>> env = new ArrayList<>(r.env().entrySet());
        // each line goes to the platform's log, and to the tenant's app logs (GET /v1/apps/{app}/logs)
        return new WasiHttpHost.Config(env, (stream, line) -> {
            guestLog.info("[{} {}] {}", name, stream == WasiHttpHost.LogSink.Stream.STDOUT ? "stdout" : "stderr", line);
            appLogs.append(r.tenant(), r.app(), stream, line);
        }, stdioMaxBytes);
    }

    private GatewayComponent.Limits limits(ActiveRevision r) {
        return new GatewayComponent.Limits((long) r.limits().memoryMiB() << 20,
                Duration.ofMillis(r.limits().timeoutMs()), r.limits().maxConcurrency(), queueTimeout, maxRequestBody);
    }
}
