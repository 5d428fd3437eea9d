package dev.wharf.platform.testing;

import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.plugin.AppBinding;
import dev.wharf.engine.plugin.AppContext;
import dev.wharf.engine.plugin.HostPlugin;
import dev.wharf.engine.plugin.PluginContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A host plugin registered only in platform-app's test resources, to test how the platform wires plugins. It
 * claims the {@code wasi:io/poll} imports (which wasi:http's host defines already, so it defines nothing itself):
 * components that import them (hello-c, echo-c) need it, others (trap-c, loop-c) do not. It records what the
 * platform does with it: init, configure per revision, prepare per instance, close per binding.
 * Settings ({@code "probe": {...}}): {@code "reject": "why"} makes configure refuse the revision.
 */
public final class ProbePlugin implements HostPlugin {
    public final AtomicInteger inits = new AtomicInteger();
    public volatile DataSource dataSource;
    public volatile String greeting;
    public final List<AppContext> configured = new CopyOnWriteArrayList<>();
    public final List<AppContext> prepared = new CopyOnWriteArrayList<>();
    public final List<AppContext> closed = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "wharf:probe";
    }

    @Override
    public boolean provides(String importName) {
        return importName.startsWith("wasi:io/poll@");
    }

    @Override
    public void init(PluginContext context) {
        inits.incrementAndGet();
        // none in developer mode (./wharf serve), where the probe is found too when it runs from the test class path
        dataSource = context.service(DataSource.class).orElse(null);
        greeting = context.property("wharf.probe.greeting").orElse(null);
    }

    @Override
    public Linker register(Linker linker) {
        return linker;
    }

    @Override
    public AppBinding configure(AppContext app) {
        Object reject = app.settings().get("reject");
        if (reject != null) {
            throw new IllegalArgumentException(String.valueOf(reject));
        }
        configured.add(app);
        return new AppBinding() {
            @Override
            public InstanceOptions prepare(InstanceOptions options) {
                prepared.add(app);
                return options;
            }

            @Override
            public void close() {
                closed.add(app);
            }
        };
    }
}
