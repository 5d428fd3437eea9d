package dev.wharf.engine.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte budget shared by all instances of a process (or of a tenant): linear memories reserve
 * their size before allocating it and release it when the instance closes or shrinks on reset.
 * Lock-free, so a {@code memory.grow} on the hot path costs one compare-and-set.
 */
public final class MemoryBudget {

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    public MemoryBudget(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("capacity must be >= 0");
        }
        this.capacity = capacityBytes;
    }

    /** A budget that never refuses. */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    /** Reserves {@code bytes} if they fit; returns false (and reserves nothing) otherwise. */
    public boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0");
        }
        while (true) {
            long current = used.get();
            long next = current + bytes;
            if (next < current || next > capacity) {
                return false;
            }
            if (used.compareAndSet(current, next)) {
                return true;
            }
        }
    }

    /** Returns {@code bytes} previously reserved. */
    public void release(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0");
        }
        used.addAndGet(-bytes);
    }

    public long capacity() {
        return capacity;
    }

    public long used() {
        return used.get();
    }

    public long available() {
        return capacity - used.get();
    }

    @Override
    public String toString() {
        return "MemoryBudget[used=" + used() + ", capacity=" + capacity + "]";
    }
}
