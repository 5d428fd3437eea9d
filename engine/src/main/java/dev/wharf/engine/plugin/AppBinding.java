package dev.wharf.engine.plugin;

import dev.wharf.engine.InstanceOptions;

/**
 * A plugin bound to one app revision: prepares each new instance of it. Closed when the revision stops
 * serving (undeployed, replaced, or the platform shuts down).
 */
@FunctionalInterface
public interface AppBinding extends AutoCloseable {

    /** A binding that adds nothing to instances. */
    AppBinding NONE = options -> options;

    /**
     * Adds the plugin's per-instance state to {@code options} and returns the result. Called for every
     * instance the platform creates for the revision; pooled instances are then reset between requests,
     * so mutable state goes in a factory, called again at each reset ({@code
     * options.withFactory(KEY, State::new)}), while {@code options.with(KEY, value)} puts the same object
     * into every instance (for immutable or deliberately shared values).
     */
    InstanceOptions prepare(InstanceOptions options);

    @Override
    default void close() {
    }
}
