package dev.wharf.wasi.keyvalue;

import dev.wharf.engine.Linker;
import dev.wharf.engine.plugin.AppBinding;
import dev.wharf.engine.plugin.AppContext;
import dev.wharf.engine.plugin.HostPlugin;
import dev.wharf.engine.plugin.PluginContext;
import dev.wharf.wasi.keyvalue.internal.AtomicsGlue;
import dev.wharf.wasi.keyvalue.internal.BatchGlue;
import dev.wharf.wasi.keyvalue.internal.BucketGlue;
import dev.wharf.wasi.keyvalue.internal.KvSession;
import dev.wharf.wasi.keyvalue.internal.KvVersion;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The {@code wasi:keyvalue} host plugin: {@code store}, {@code atomics} and {@code batch} of both
 * {@code 0.2.0-draft2} and {@code 0.2.0-draft}, over a {@link KeyValueBackend} chosen by {@code wharf.keyvalue.type}
 * ({@code postgres} when the platform offers a {@link DataSource}, else {@code memory}). Each app revision may open
 * only the buckets of its own tenant that its settings name ({@link BucketAccess}). Guests' operations are reported
 * to the platform's {@link KeyValueObserver} service, if it offers one.
 */
public final class KeyValuePlugin implements HostPlugin {
    public static final String NAME = "wasi:keyvalue";
    public static final String TYPE_PROPERTY = "wharf.keyvalue.type";

    private volatile KeyValueBackend backend;
    private volatile KeyValueObserver observer = KeyValueObserver.NONE;

    /** A plugin to be {@link #init initialised} by the platform. */
    public KeyValuePlugin() {
    }

    /** A plugin over {@code backend}, needing no {@link #init}. */
    public KeyValuePlugin(KeyValueBackend backend) {
        this.backend = backend;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean provides(String importName) {
        for (KvVersion v : KvVersion.values()) {
            if (importName.equals(v.store) || importName.equals(v.atomics) || importName.equals(v.batch)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void init(PluginContext context) {
        String type = context.property(TYPE_PROPERTY)
                .orElse(context.service(DataSource.class).isPresent() ? "postgres" : "memory");
        KeyValueLimits limits = KeyValueLimits.from(key -> context.property(key).orElse(null));
        List<KeyValueBackendFactory> factories = ServiceLoader.load(KeyValueBackendFactory.class,
                KeyValuePlugin.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
        KeyValueBackendFactory factory = factories.stream().filter(f -> f.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalStateException(TYPE_PROPERTY + "=" + type + " is not a keyvalue backend; known: "
                        + factories.stream().map(KeyValueBackendFactory::type).sorted().collect(Collectors.joining(", "))));
        backend = factory.create(context, limits);
        observer = context.service(KeyValueObserver.class).orElse(KeyValueObserver.NONE);
    }

    /** The backend in use (for the platform's REST API over the same data). */
    public KeyValueBackend backend() {
        KeyValueBackend b = backend;
        if (b == null) {
            throw new IllegalStateException("the keyvalue plugin was not initialised");
        }
        return b;
    }

    @Override
    public Linker register(Linker linker) {
        for (KvVersion v : KvVersion.values()) {
            BucketGlue.register(linker, v);
            AtomicsGlue.register(linker, v);
            BatchGlue.register(linker, v);
        }
        return linker;
    }

    @Override
    public AppBinding configure(AppContext app) {
        BucketAccess access = BucketAccess.of(app.tenant(), app.settings());
        KeyValueObserver o = observer;
        KeyValueBackend b = o == KeyValueObserver.NONE ? backend() : new ObservedBackend(backend(), o);
        KvSession session = new KvSession(access, b, o);
        return options -> options.with(KvSession.KEY, session);
    }
}
