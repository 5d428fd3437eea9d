package dev.wharf.engine;

import dev.wharf.engine.core.CoreLimits;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to create one component instance: memory limits for its core instances and the initial
 * host state, by {@link StateKey}. Immutable; each {@code with...} returns a copy.
 *
 * <pre>{@code
 * prepared.instantiate(InstanceOptions.defaults()
 *         .withLimits(CoreLimits.of(64L << 20, budget))
 *         .with(HTTP, new HttpState(request)));
 * }</pre>
 */
public final class InstanceOptions {
    private static final InstanceOptions DEFAULTS = new InstanceOptions(CoreLimits.UNLIMITED, Map.of());

    private final CoreLimits limits;
    private final Map<StateKey<?>, Object> state;

    private InstanceOptions(CoreLimits limits, Map<StateKey<?>, Object> state) {
        this.limits = limits;
        this.state = state;
    }

    /** No memory limits beyond the modules' declared maximums, no initial state. */
    public static InstanceOptions defaults() {
        return DEFAULTS;
    }

    public InstanceOptions withLimits(CoreLimits limits) {
        return new InstanceOptions(Objects.requireNonNull(limits, "limits"), state);
    }

    /** Sets the instance's initial value for {@code key} (replacing the key's initializer). */
    public <T> InstanceOptions with(StateKey<T> key, T value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<StateKey<?>, Object> copy = new IdentityHashMap<>(state);
        copy.put(key, value);
        return new InstanceOptions(limits, Collections.unmodifiableMap(copy));
    }

    public CoreLimits limits() {
        return limits;
    }

    /** The initial state values, by key. */
    public Map<StateKey<?>, Object> state() {
        return state;
    }
}
