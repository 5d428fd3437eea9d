package dev.wharf.engine.internal.link;

import dev.wharf.engine.DropReason;
import dev.wharf.engine.ResourceDestructor;
import dev.wharf.engine.ResourceTable;
import dev.wharf.engine.StateKey;
import dev.wharf.engine.internal.resources.HandleTraps;
import dev.wharf.engine.internal.resources.HostObjectTable;
import dev.wharf.engine.types.ResourceType;
import dev.wharf.engine.values.WitValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host side of one component instance: host plugins' state by {@link StateKey} and the
 * {@link ResourceTable}s of table-managed host resources (those defined with a {@code
 * Linker.defineResource(iface, type, destructor)}).
 */
public final class HostStore {
    private static final ResourceDestructor<Object> NO_DESTRUCTOR = (o, reason) -> {};

    private final Map<StateKey<?>, Object> state = new ConcurrentHashMap<>();
    /** Table-managed host resource types -> destructor (never null). */
    private final Map<ResourceType, ResourceDestructor<Object>> destructors;
    /** ResourceType has identity equality, so this is an identity map. */
    private final Map<ResourceType, Table<?>> tables = new ConcurrentHashMap<>();

    public HostStore(Map<ResourceType, ResourceDestructor<Object>> destructors, Map<StateKey<?>, Object> initial) {
        this.destructors = destructors;
        state.putAll(initial);
    }

    @SuppressWarnings("unchecked")
    public <T> T state(StateKey<T> key) {
        Object value = state.get(key);
        if (value == null) {
            // not computeIfAbsent: an initializer may read other keys
            Object initial = key.initialValue();
            if (initial == null) {
                throw new IllegalStateException("this instance has no state for " + key
                        + ": pass it with InstanceOptions.with or give the key an initializer");
            }
            Object raced = state.putIfAbsent(key, initial);
            value = raced == null ? initial : raced;
        }
        return (T) value;
    }

    public <T> void setState(StateKey<T> key, T value) {
        state.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @SuppressWarnings("unchecked")
    public <T> ResourceTable<T> resources(ResourceType type) {
        Table<?> t = tables.get(type);
        if (t == null) {
            if (!destructors.containsKey(type)) {
                throw new IllegalArgumentException(type + " has no resource table: define it with Linker.defineResource(iface, type, destructor)");
            }
            t = tables.computeIfAbsent(type, Table::new);
        }
        return (ResourceTable<T>) t;
    }

    /** The guest dropped its last owning handle of {@code rep}: remove the object and destroy it. */
    void dropFromGuest(ResourceType type, int rep) {
        Object o = ((Table<?>) resources(type)).objects.remove(rep);
        destructors.get(type).destroy(o, DropReason.GUEST_DROP);
    }

    /** Runs the destructors of the objects still stored (instance closing); the first failure is rethrown after all ran. */
    void close() {
        List<Table<?>> all = new ArrayList<>(tables.values());
        tables.clear();
        teardown(all);
    }

    /**
     * Returns the store to a new instance's state: destroys the objects still stored ({@link
     * DropReason#TEARDOWN}) and replaces all state with {@code initial}. The first destructor
     * failure is rethrown after all ran and the state was replaced.
     */
    void reset(Map<StateKey<?>, Object> initial) {
        try {
            teardown(new ArrayList<>(tables.values()));
        } finally {
            state.clear();
            state.putAll(initial);
        }
    }

    private void teardown(List<Table<?>> all) {
        RuntimeException failure = null;
        for (Table<?> t : all) {
            ResourceDestructor<Object> d = destructors.get(t.type);
            List<?> objects = t.objects.drain();
            if (d == NO_DESTRUCTOR) {
                continue;
            }
            for (Object o : objects) {
                try {
                    d.destroy(o, DropReason.TEARDOWN);
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The destructor map entry for a table-managed type whose host gave no destructor. */
    public static ResourceDestructor<Object> noDestructor() {
        return NO_DESTRUCTOR;
    }

    private static final class Table<T> implements ResourceTable<T> {
        final ResourceType type;
        final HostObjectTable<T> objects = new HostObjectTable<>();

        Table(ResourceType type) {
            this.type = type;
        }

        @Override
        public ResourceType type() {
            return type;
        }

        @Override
        public WitValue.Own insert(T object) {
            return WitValue.own(type, objects.add(object));
        }

        @Override
        public T get(WitValue handle) {
            return objects.get(rep(handle));
        }

        @Override
        public T get(int rep) {
            return objects.get(rep);
        }

        @Override
        public T remove(WitValue.Own handle) {
            return objects.remove(rep(handle));
        }

        @Override
        public int size() {
            return objects.size();
        }

        private int rep(WitValue handle) {
            ResourceType actual;
            int rep;
            switch (handle) {
                case WitValue.Own o -> {
                    actual = o.resource();
                    rep = o.rep();
                }
                case WitValue.Borrow b -> {
                    actual = b.resource();
                    rep = b.rep();
                }
                case null -> throw HandleTraps.trap("no handle given for " + type.name());
                default -> throw HandleTraps.trap("expected a handle of " + type.name() + ", got " + handle);
            }
            if (actual != type) {
                throw HandleTraps.trap("handle of " + actual.name() + " used as " + type.name()
                        + (actual.name().equals(type.name()) ? " (another resource type of the same name)" : ""));
            }
            return rep;
        }
    }
}
