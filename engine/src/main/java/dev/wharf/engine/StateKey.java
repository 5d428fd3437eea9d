package dev.wharf.engine;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A typed key into a component instance's host state, where host plugins keep per-instance data
 * (wasmtime's {@code Store<T>} data, split per plugin like Spin's factors). Keys compare by
 * identity: a plugin keeps its key in a constant, so two plugins never see each other's state.
 *
 * <pre>{@code
 * static final StateKey<HttpState> HTTP = StateKey.of("wasi:http", HttpState::new);
 * ...
 * HttpState http = caller.state(HTTP);   // created on first use in this instance
 * }</pre>
 *
 * @param <T> the state's type
 */
public final class StateKey<T> {
    private final String name;
    private final Supplier<? extends T> initial;

    private StateKey(String name, Supplier<? extends T> initial) {
        this.name = Objects.requireNonNull(name, "name");
        this.initial = initial;
    }

    /**
     * A key whose value must be given when instantiating ({@link InstanceOptions#with}) or set
     * with {@link ComponentInstance#setState}; reading it unset throws {@link IllegalStateException}.
     */
    public static <T> StateKey<T> of(String name) {
        return new StateKey<>(name, null);
    }

    /** A key whose value is created by {@code initial} on first use in each instance. */
    public static <T> StateKey<T> of(String name, Supplier<? extends T> initial) {
        return new StateKey<>(name, Objects.requireNonNull(initial, "initial"));
    }

    public String name() {
        return name;
    }

    /** The initial value for a new instance, or {@code null} if the key has no initializer. */
    public T initialValue() {
        return initial == null ? null : initial.get();
    }

    @Override
    public String toString() {
        return "StateKey[" + name + "]";
    }
}
