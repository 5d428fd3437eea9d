package dev.wharf.engine.plugin;

import dev.wharf.engine.Linker;

/**
 * A host capability (wasi:keyvalue, wasi:config, ...) in one shape for all of them, like Spin's factors:
 * <ol>
 *   <li>{@link #init} once per process, with the platform's services and settings;</li>
 *   <li>{@link #register} once per linker: defines the plugin's functions and resources (stateless; everything
 *       per instance lives in the instance's host state, under the plugin's own {@link dev.wharf.engine.StateKey});</li>
 *   <li>{@link #configure} once per app revision: checks the app's settings for this plugin and returns the
 *       {@link AppBinding} that every instance of that revision is prepared with.</li>
 * </ol>
 * Plugins are found with {@link java.util.ServiceLoader} ({@link HostPlugins#discover}); a platform links and
 * configures only the plugins that serve at least one of a component's imports ({@link HostPlugins#needed}).
 * Implementations must be thread-safe after {@code init}.
 */
public interface HostPlugin {

    /** A stable identifier, also the key of the plugin's settings (e.g. {@code "wasi:keyvalue"}). */
    String name();

    /**
     * The field that holds this plugin's settings in an app's deployment (e.g. {@code "keyvalue"} in
     * {@code PUT /v1/apps/{app} {"keyvalue": {"buckets": [...]}}}): by default the name after its namespace.
     */
    default String settingsKey() {
        return name().substring(name().indexOf(':') + 1);
    }

    /**
     * Whether this plugin defines the import named {@code importName} (a full name with its version, as the
     * component imports it, e.g. {@code wasi:keyvalue/store@0.2.0-draft2}).
     */
    boolean provides(String importName);

    /**
     * Called once, before any other method, with what the platform offers. A plugin that needs a service the
     * context lacks (say a {@code javax.sql.DataSource} for a database backend) should fail here with a clear
     * {@link IllegalStateException}, not later on a guest's call.
     */
    default void init(PluginContext context) {
    }

    /** Defines every function and resource this plugin provides on {@code linker}, and returns it. */
    Linker register(Linker linker);

    /**
     * Binds the plugin to one app revision.
     *
     * @throws IllegalArgumentException the app's settings for this plugin are invalid; the message is shown
     *     to the app's author as is
     */
    AppBinding configure(AppContext app);
}
