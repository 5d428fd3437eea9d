package dev.wharf.srctest.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.Trap;
import dev.wharf.engine.core.CallDeadline;
import dev.wharf.engine.core.Watchdog;
import dev.wharf.engine.plugin.AppBinding;
import dev.wharf.engine.plugin.AppContext;
import dev.wharf.engine.plugin.HostPlugin;
import dev.wharf.engine.plugin.HostPlugins;
import dev.wharf.engine.plugin.PluginContext;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.http.WasiHttpHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opentest4j.TestAbortedException;

/**
 * A foreign component linked as developer mode links it: wasi:http (with wasi:cli, clocks, random, the stdio part
 * of wasi:filesystem) plus the host plugins it imports, initialised with no services (keyvalue in memory, config
 * from no file) and bound to one app of tenant {@code foreign}. Collects what the guest prints.
 */
final class ForeignHost implements AutoCloseable {

    /** How long a command may run: foreign test programs are small, a hang must not stall the build. */
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(60);

    private final PreparedComponent prepared;
    private final List<AppBinding> bindings;
    private final List<String> output = new ArrayList<>();
    private final WasiHttpHost wasi;

    private ForeignHost(PreparedComponent prepared, List<AppBinding> bindings) {
        this.prepared = prepared;
        this.bindings = bindings;
        this.wasi = new WasiHttpHost(new WasiHttpHost.Config(List.of(), (stream, line) -> {
            synchronized (output) {
                output.add(stream + ": " + line);
            }
        }, 64 * 1024));
    }

    /** @throws dev.wharf.engine.UnlinkableComponentException an import no host defines, or defines with another type */
    static ForeignHost link(Engine engine, ComponentPlan plan) {
        List<HostPlugin> plugins = HostPlugins.needed(HostPlugins.discover(ForeignHost.class.getClassLoader()), plan);
        PluginContext context = PluginContext.of(Map.of(), key -> null);
        Linker linker = WasiHttpHost.register(new Linker(engine));
        for (HostPlugin plugin : plugins) {
            plugin.init(context);
            linker = plugin.register(linker);
        }
        PreparedComponent prepared = linker.prepare(plan);
        List<AppBinding> bindings = new ArrayList<>();
        for (HostPlugin plugin : plugins) {
            bindings.add(plugin.configure(new AppContext("foreign", "app", 1, Map.of())));
        }
        return new ForeignHost(prepared, bindings);
    }

    private InstanceOptions options() {
        InstanceOptions options = wasi.poolOptions(InstanceOptions.defaults());
        for (AppBinding b : bindings) {
            options = b.prepare(options);
        }
        return options;
    }

    /** Instantiates and closes one instance: start functions and reactors' {@code _initialize} run here. */
    void instantiateOnce() {
        try (ComponentInstance instance = prepared.instantiate(options())) {
            assertThat(instance.isPoisoned()).as("poisoned right after instantiation").isFalse();
        }
    }

    /**
     * Calls {@code wasi:cli/run#run}; it must return {@code ok} (or exit with status 0). When it does not, and jco is
     * installed, {@code jco run} decides: a command that fails there too (a test program wanting arguments, a
     * runtime that traps on any host) is refused with both reasons, one that succeeds there fails the test.
     */
    void runCommand(Path file, ForeignReport report) throws Exception {
        String iface = prepared.exportedInterface("wasi:cli/run").orElseThrow();
        String failure = null;
        try (ComponentInstance instance = prepared.instantiate(options());
                CallDeadline deadline = Watchdog.shared().arm(instance, COMMAND_DEADLINE)) {
            WitValue result = instance.function(iface, "run").call();
            report.note("run", result.toString());
            if (!result.equals(WitValue.ok())) {
                failure = "run returned " + result;
            }
        } catch (Trap trap) {
            boolean exitOk = trap.exitStatus().isPresent() && trap.exitStatus().getAsInt() == 0;
            report.note("run", trap.exitStatus().isPresent() ? "exit " + trap.exitStatus().getAsInt() : trap.toString());
            failure = exitOk ? null : trap.toString();
        }
        report.note("output", output());
        if (failure == null) {
            return;
        }
        if (!JcoServe.available()) {
            throw new AssertionError(iface + "#run failed: " + failure + ", output: " + output());
        }
        JcoRun reference = JcoRun.run(file, 120);
        report.note("jco run", "exit " + reference.exitCode() + ": " + reference.tail(2));
        if (reference.exitCode() != 0) {
            throw new TestAbortedException("fails on jco run too (" + reference.tail(1) + "); Wharf: " + failure);
        }
        throw new AssertionError(iface + "#run failed on Wharf (" + failure + ") but not on jco run; output: " + output());
    }

    /** Calls each of {@code callables} on a fresh instance, compared with jco (see {@link ForeignLibraryCalls}). */
    void callLibrary(Path file, List<ForeignLibraryCalls.Callable> callables, ForeignReport report) throws Exception {
        for (ForeignLibraryCalls.Callable c : callables) {
            try (ComponentInstance instance = prepared.instantiate(options());
                    CallDeadline deadline = Watchdog.shared().arm(instance, COMMAND_DEADLINE)) {
                ForeignLibraryCalls.check(file, c, instance, report);
            }
        }
    }

    private String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Override
    public void close() {
        bindings.forEach(AppBinding::close);
    }
}
