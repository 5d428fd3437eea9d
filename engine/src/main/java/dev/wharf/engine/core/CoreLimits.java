package dev.wharf.engine.core;

import java.util.Objects;

/**
 * Resource limits of one instance.
 *
 * <p>{@code maxMemoryBytes} caps each of the instance's own memories: the effective maximum is the
 * smaller of the module's declared maximum and this cap (rounded down to whole pages).
 * {@code budget} is shared by many instances: each memory reserves its size from it, and a grow that
 * the budget cannot cover is refused ({@code memory.grow} returns -1) instead of exhausting the JVM
 * heap.
 */
public record CoreLimits(long maxMemoryBytes, MemoryBudget budget) {

    /** No cap beyond the module's own maximum and the engine's hard limit, no shared budget. */
    public static final CoreLimits UNLIMITED = new CoreLimits(Long.MAX_VALUE, MemoryBudget.unlimited());

    public CoreLimits {
        if (maxMemoryBytes < 0) {
            throw new IllegalArgumentException("maxMemoryBytes must be >= 0");
        }
        Objects.requireNonNull(budget, "budget");
    }

    public static CoreLimits of(long maxMemoryBytes, MemoryBudget budget) {
        return new CoreLimits(maxMemoryBytes, budget);
    }

    /** The per-memory cap in whole 64 KiB pages. */
    public long maxMemoryPages() {
        return maxMemoryBytes / CoreMemory.PAGE_SIZE;
    }
}
