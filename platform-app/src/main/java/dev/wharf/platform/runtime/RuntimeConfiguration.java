package dev.wharf.platform.runtime;

import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.core.MemoryBudget;
import dev.wharf.platform.gateway.GatewayHandler;
import dev.wharf.platform.metrics.ConfigMetrics;
import dev.wharf.platform.metrics.KeyValueMetrics;
import dev.wharf.platform.metrics.PlatformMetrics;
import dev.wharf.platform.metrics.PoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The runtime of the full platform: one {@link Engine} whose compile cache persists under
 * {@code wharf.compile-cache-dir} (default {@code <wharf.data-dir>/compile-cache}), the host plugins and the
 * platform {@link Linker}, the gateway's handler and the platform metrics.
 */
@Configuration(proxyBeanMethods = false)
public class RuntimeConfiguration {
    private static final Logger log = LoggerFactory.getLogger(RuntimeConfiguration.class);

    @Bean(destroyMethod = "close")
    Engine wharfEngine(Environment env) {
        Path cache = Path.of(env.getProperty("wharf.compile-cache-dir",
                Path.of(env.getProperty("wharf.data-dir", "./data"), "compile-cache").toString()));
        log.info("Compile cache: {}", cache.toAbsolutePath().normalize());
        return Engine.create(cache);
    }

    @Bean
    PlatformPlugins platformPlugins(ApplicationContext context, Environment env) {
        return PlatformPlugins.discover(context, env);
    }

    /** The platform linker: wasi:http's world plus every host plugin, on the platform engine (read-only once built). */
    @Bean
    Linker platformLinker(Engine engine, PlatformPlugins plugins) {
        return plugins.newLinker(engine);
    }

    @Bean
    PlatformMetrics platformMetrics(MeterRegistry registry, Engine engine) {
        return new PlatformMetrics(registry, engine);
    }

    @Bean
    PoolMetrics poolMetrics(MeterRegistry registry) {
        return new PoolMetrics(registry);
    }

    /**
     * The linear memory all guest instances of this process may hold together ({@code wharf.limits.memory-budget};
     * default: half the JVM's max heap, since Chicory keeps guest memory on the heap). A grow past it is refused
     * (the guest sees {@code memory.grow} fail) instead of the JVM running out of heap.
     */
    @Bean
    MemoryBudget guestMemoryBudget(Environment env) {
        DataSize configured = env.getProperty("wharf.limits.memory-budget", DataSize.class);
        long bytes = configured != null ? configured.toBytes() : Runtime.getRuntime().maxMemory() / 2;
        return new MemoryBudget(bytes);
    }

    /** The keyvalue plugin's observer (found by type at its init): operation metrics. */
    @Bean
    KeyValueMetrics keyValueMetrics(MeterRegistry registry) {
        return new KeyValueMetrics(registry);
    }

    /** The config plugin's observer (found by type at its init): read metrics. */
    @Bean
    ConfigMetrics configMetrics(MeterRegistry registry) {
        return new ConfigMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    GatewayHandler gatewayHandler() {
        return new GatewayHandler();
    }
}
