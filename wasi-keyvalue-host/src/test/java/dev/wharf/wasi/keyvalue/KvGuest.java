package dev.wharf.wasi.keyvalue;

import dev.wharf.engine.ComponentInstance;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.InstanceOptions;
import dev.wharf.engine.Linker;
import dev.wharf.engine.PreparedComponent;
import dev.wharf.engine.plugin.AppContext;
import dev.wharf.engine.values.WitValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One instance of a test component (src/test/resources/guests) linked with {@link KeyValuePlugin} and configured
 * for one app. Exports take and return what the wasi:keyvalue function they wrap does, with handles as u32.
 */
public final class KvGuest implements AutoCloseable {
    private final ComponentInstance instance;

    public KvGuest(PreparedComponent prepared, KeyValuePlugin plugin, String tenant, Map<String, Object> settings) {
        var binding = plugin.configure(new AppContext(tenant, "app", 1, settings));
        this.instance = prepared.instantiate(binding.prepare(InstanceOptions.defaults()));
    }

    /** {@code component} planned and linked against {@code plugin} alone. */
    public static PreparedComponent prepare(Engine engine, String component, KeyValuePlugin plugin) {
        ComponentPlan plan = engine.plan(bytes(component));
        return plugin.register(new Linker(engine)).prepare(plan);
    }

    /** The component's bytes: from the classpath, else from this module's test resources on disk. */
    public static byte[] bytes(String component) {
        try (InputStream in = KvGuest.class.getResourceAsStream("/guests/" + component + ".wasm")) {
            if (in != null) {
                return in.readAllBytes();
            }
            return Files.readAllBytes(Path.of("..", "wasi-keyvalue-host", "src", "test", "resources", "guests", component + ".wasm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WitValue.ResultValue call(String function, WitValue... args) {
        return (WitValue.ResultValue) instance.function(function).call(args);
    }

    public void callVoid(String function, WitValue... args) {
        instance.function(function).call(args);
    }

    /** The bucket handle {@code open(identifier)} returns; fails the test if it errs. */
    public WitValue open(String identifier) {
        WitValue.ResultValue r = call("open", WitValue.string(identifier));
        if (!r.ok()) {
            throw new AssertionError("open(" + identifier + ") failed: " + r);
        }
        return r.payload().orElseThrow();
    }

    public static WitValue s(String text) {
        return WitValue.string(text);
    }

    public static WitValue b(String text) {
        return WitValue.Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The ok payload, failing on err. */
    public static WitValue ok(WitValue.ResultValue r) {
        if (!r.ok()) {
            throw new AssertionError("expected ok, got " + r);
        }
        return r.payload().orElse(null);
    }

    /** The text of {@code option<list<u8>>}, or null for none. */
    public static String text(WitValue optionalBytes) {
        Optional<WitValue> v = ((WitValue.OptionValue) optionalBytes).value();
        return v.map(x -> new String(((WitValue.Bytes) x).array(), StandardCharsets.UTF_8)).orElse(null);
    }

    /** A {@code store.error} result as "no-such-store", "access-denied" or "other: message". */
    public static String error(WitValue.ResultValue r) {
        if (r.ok()) {
            throw new AssertionError("expected an error, got " + r);
        }
        return describe((WitValue.VariantValue) r.payload().orElseThrow());
    }

    public static String describe(WitValue.VariantValue e) {
        return switch (e.caseIndex()) {
            case 0 -> "no-such-store";
            case 1 -> "access-denied";
            default -> "other: " + ((WitValue.Str) e.payload().orElseThrow()).value();
        };
    }

    public static List<String> keys(WitValue keyResponse) {
        return ((WitValue.ListValue) ((WitValue.RecordValue) keyResponse).fields().get(0)).elements().stream()
                .map(k -> ((WitValue.Str) k).value()).toList();
    }

    public static Optional<WitValue> cursor(WitValue keyResponse) {
        return ((WitValue.OptionValue) ((WitValue.RecordValue) keyResponse).fields().get(1)).value();
    }

    @Override
    public void close() {
        instance.close();
    }
}
