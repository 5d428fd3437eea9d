package dev.wharf.engine.internal.resources;

import java.util.Arrays;

/**
 * Java objects behind host-defined resources: the host stores an object and uses the returned
 * {@code int} as the resource's representation ({@code rep}); guests only ever see handle indices
 * that map to that rep. Slots are reused through a free list; rep 0 is never handed out.
 *
 * <p>Not thread-safe: one table per component instance (or guard it externally).
 *
 * @param <T> the host's object type
 */
public final class HostObjectTable<T> {
    private Object[] objects = new Object[8];
    private int length = 1;
    private int[] free = new int[8];
    private int freeCount;
    private int live;

    /** Stores {@code object} and returns its rep (never 0). */
    public int add(T object) {
        if (object == null) {
            throw new NullPointerException("object");
        }
        int rep;
        if (freeCount > 0) {
            rep = free[--freeCount];
        } else {
            if (length == objects.length) {
                objects = Arrays.copyOf(objects, objects.length * 2);
            }
            rep = length++;
        }
        objects[rep] = object;
        live++;
        return rep;
    }

    /** The object of {@code rep}; traps if there is none (dangling rep). */
    @SuppressWarnings("unchecked")
    public T get(int rep) {
        if (rep <= 0 || rep >= length || objects[rep] == null) {
            throw HandleTraps.trap("unknown host resource rep " + Integer.toUnsignedString(rep));
        }
        return (T) objects[rep];
    }

    /** Removes and returns the object of {@code rep}; traps if there is none. */
    public T remove(int rep) {
        T object = get(rep);
        objects[rep] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = rep;
        live--;
        return object;
    }

    /** Removes every object and returns them, in rep order. */
    @SuppressWarnings("unchecked")
    public java.util.List<T> drain() {
        java.util.List<T> all = new java.util.ArrayList<>(live);
        for (int rep = 1; rep < length; rep++) {
            if (objects[rep] != null) {
                all.add((T) objects[rep]);
            }
        }
        objects = new Object[8];
        length = 1;
        freeCount = 0;
        live = 0;
        return all;
    }

    /** Number of objects stored. */
    public int size() {
        return live;
    }
}
