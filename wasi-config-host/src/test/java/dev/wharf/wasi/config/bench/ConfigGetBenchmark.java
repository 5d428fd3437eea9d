package dev.wharf.wasi.config.bench;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.Engine;
import dev.wharf.engine.ExportedFunction;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.plugin.AppBinding;
import dev.wharf.engine.plugin.AppContext;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.ListType;
import dev.wharf.engine.types.OptionType;
import dev.wharf.engine.types.PrimitiveType;
import dev.wharf.engine.types.ResultType;
import dev.wharf.engine.types.TupleType;
import dev.wharf.engine.types.VariantType;
import dev.wharf.engine.values.WitValue;
import dev.wharf.wasi.config.ConfigSnapshot;
import dev.wharf.wasi.config.ConfigSource;
import dev.wharf.wasi.config.WasiConfigPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a guest's {@code wasi:config} {@code get} costs, measured from the guest side: the probe component's
 * exported {@code get} calls the imported one (canonical ABI both ways) and hands back what it got. The
 * baseline is the same probe linked to a host {@code get} that returns {@code none} at once, so the difference
 * is the plugin's own work (state lookup, snapshot map lookup, lowering the string). Snapshot: 50 keys, values of
 * 32 bytes; the source answers from a prepared map, as the platform's cache does on a hit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConfigGetBenchmark {
    static final String PROBE = "wharf:test/config-probe@0.1.0";

    Engine engine;
    PreparedComponent prepared;
    PreparedComponent baselinePrepared;
    AppBinding binding;
    ComponentInstance instance;
    ComponentInstance baseline;
    ExportedFunction get;
    ExportedFunction getAll;
    ExportedFunction baselineGet;
    final WitValue present = WitValue.string("key-25");
    final WitValue absent = WitValue.string("no-such-key");

    static byte[] probe() throws IOException {
        try (InputStream in = ConfigGetBenchmark.class.getResourceAsStream("/probes/config-store-rc1.wasm")) {
            return in.readAllBytes();
        }
    }

    @Setup
    public void setUp() throws IOException {
        engine = Engine.create();
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            values.put("key-" + i, "v".repeat(29) + String.format("%03d", i));
        }
        ConfigSnapshot snapshot = new ConfigSnapshot(values);
        ConfigSource source = (tenant, app) -> snapshot;
        WasiConfigPlugin plugin = new WasiConfigPlugin(source);
        byte[] bytes = probe();
        prepared = plugin.register(new Linker(engine)).prepare(engine.plan(bytes));
        binding = plugin.configure(new AppContext("bench", "app", 1, Map.of()));
        instance = prepared.instantiate(binding.prepare(InstanceOptions.defaults()));
        get = instance.function(PROBE, "get");
        getAll = instance.function(PROBE, "get-all");

        VariantType error = new VariantType(List.of(new VariantType.Case("upstream", Optional.of(PrimitiveType.STRING)),
                new VariantType.Case("io", Optional.of(PrimitiveType.STRING))));
        FuncType getType = new FuncType(List.of(new FuncType.Param("key", PrimitiveType.STRING)),
                Optional.of(new ResultType(Optional.of(new OptionType(PrimitiveType.STRING)), Optional.of(error))));
        FuncType getAllType = new FuncType(List.of(), Optional.of(new ResultType(Optional.of(
                new ListType(new TupleType(List.of(PrimitiveType.STRING, PrimitiveType.STRING)))), Optional.of(error))));
        WitValue none = WitValue.ok(WitValue.none());
        Linker trivial = new Linker(engine)
                .define("wasi:config/store@0.2.0-rc.1", "get", getType, args -> none)
                .define("wasi:config/store@0.2.0-rc.1", "get-all", getAllType, args -> WitValue.ok(WitValue.list()));
        baselinePrepared = trivial.prepare(engine.plan(bytes));
        baseline = baselinePrepared.instantiate();
        baselineGet = baseline.function(PROBE, "get");
    }

    @TearDown
    public void tearDown() {
        instance.close();
        baseline.close();
        engine.close();
    }

    /** The probe's export round trip with a host get that does nothing: the floor under every get. */
    @Benchmark
    public WitValue baselineTrivialHostGet() {
        return baselineGet.call(absent);
    }

    /** get of a key that is set: snapshot taken, map hit, a 32-byte string lowered into the guest. */
    @Benchmark
    public WitValue getPresentKey() {
        return get.call(present);
    }

    /** get of a key that is not set. */
    @Benchmark
    public WitValue getAbsentKey() {
        return get.call(absent);
    }

    /** get-all of 50 pairs. */
    @Benchmark
    public WitValue getAll50() {
        return getAll.call();
    }

    /** A fresh instance's first get, which takes the snapshot from the source; then the instance is closed. */
    @Benchmark
    public WitValue instantiateAndFirstGet() {
        try (ComponentInstance fresh = prepared.instantiate(binding.prepare(InstanceOptions.defaults()))) {
            return fresh.function(PROBE, "get").call(present);
        }
    }

    /** The same instance lifecycle without any get: subtract from {@link #instantiateAndFirstGet}. */
    @Benchmark
    public int instantiateOnly() {
        try (ComponentInstance fresh = prepared.instantiate(binding.prepare(InstanceOptions.defaults()))) {
            return fresh.hashCode();
        }
    }
}
