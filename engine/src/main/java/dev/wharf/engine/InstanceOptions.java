package dev.wharf.engine;

import dev.wharf.engine.core.CoreLimits;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How to create one component instance: memory limits for its core instances and the initial
 * host state, by {@link StateKey}. Immutable; each {@code with...} returns a copy.
 *
 * <p>Host state comes in two forms. A value given with {@link #with} is put into every instance
 * made with these options as is (the same object each time, so it should be immutable or
 * shared on purpose). A factory given with {@link #withFactory} is called for each new instance
 * and again each time an instance is reset for reuse ({@link ComponentInstance#reset}): that is
 * how mutable per-instance state (counters, buffers, open connections) starts fresh for each
 * request of a pooled instance.
 *
 * <pre>{@code
 * prepared.instantiate(InstanceOptions.defaults()
 *         .withLimits(CoreLimits.of(64L << 20, budget))
 *         .with(CONFIG, appConfig)                       // shared, immutable
 *         .withFactory(HTTP, HttpState::new));           // new for every instance and reset
 * }</pre>
 */
public final class InstanceOptions {
    private static final InstanceOptions DEFAULTS = new InstanceOptions(CoreLimits.UNLIMITED, Map.of(), Map.of());

    private final CoreLimits limits;
    private final Map<StateKey<?>, Object> state;
    private final Map<StateKey<?>, Supplier<?>> factories;

    private InstanceOptions(CoreLimits limits, Map<StateKey<?>, Object> state, Map<StateKey<?>, Supplier<?>> factories) {
        this.limits = limits;
        this.state = state;
        this.factories = factories;
    }

    /** No memory limits beyond the modules' declared maximums, no initial state. */
    public static InstanceOptions defaults() {
        return DEFAULTS;
    }

    public InstanceOptions withLimits(CoreLimits limits) {
        return new InstanceOptions(Objects.requireNonNull(limits, "limits"), state, factories);
    }

    /**
     * Sets the instance's initial value for {@code key} (replacing the key's initializer, and a
     * factory given for the key before). Every instance made with these options, and every reset,
     * gets this same object.
     */
    public <T> InstanceOptions with(StateKey<T> key, T value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<StateKey<?>, Object> copy = new IdentityHashMap<>(state);
        copy.put(key, value);
        return new InstanceOptions(limits, Collections.unmodifiableMap(copy), without(factories, key));
    }

    /**
     * Creates the value of {@code key} with {@code factory} for each new instance and again at each
     * {@link ComponentInstance#reset} (replacing a value given for the key before). The factory
     * runs on the thread instantiating or resetting; it must not return {@code null}.
     */
    public <T> InstanceOptions withFactory(StateKey<T> key, Supplier<? extends T> factory) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(factory, "factory");
        Map<StateKey<?>, Supplier<?>> copy = new IdentityHashMap<>(factories);
        copy.put(key, factory);
        return new InstanceOptions(limits, without(state, key), Collections.unmodifiableMap(copy));
    }

    private static <V> Map<StateKey<?>, V> without(Map<StateKey<?>, V> map, StateKey<?> key) {
        if (!map.containsKey(key)) {
            return map;
        }
        Map<StateKey<?>, V> copy = new IdentityHashMap<>(map);
        copy.remove(key);
        return Collections.unmodifiableMap(copy);
    }

    public CoreLimits limits() {
        return limits;
    }

    /** The initial state values given with {@link #with}, by key (not those of factories). */
    public Map<StateKey<?>, Object> state() {
        return state;
    }

    /** The state factories given with {@link #withFactory}, by key. */
    public Map<StateKey<?>, Supplier<?>> factories() {
        return factories;
    }

    /**
     * The host state a new or reset instance starts with: the values given with {@link #with} and
     * a fresh value from each factory.
     *
     * @throws IllegalStateException if a factory returns {@code null}
     */
    public Map<StateKey<?>, Object> newState() {
        if (factories.isEmpty()) {
            return state;
        }
        Map<StateKey<?>, Object> all = new IdentityHashMap<>(state);
        factories.forEach((key, factory) -> {
            Object value = factory.get();
            if (value == null) {
                throw new IllegalStateException("the state factory of " + key + " returned null");
            }
            all.put(key, value);
        });
        return all;
    }
}
