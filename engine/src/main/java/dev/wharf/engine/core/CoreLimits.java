package dev.wharf.engine.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits of one instance.
 *
 * <p>{@code maxMemoryBytes} caps each of the instance's own memories: the effective maximum is the
 * smaller of the module's declared maximum and this cap (rounded down to whole pages).
 * {@code budget} is shared by many instances: each memory reserves its size from it, and a grow that
 * the budget cannot cover is refused ({@code memory.grow} returns -1) instead of exhausting the JVM
 * heap. {@code startTimeout}, when not null, bounds a module's start function: one still running then is
 * interrupted and instantiation fails with {@code DEADLINE_EXCEEDED}, so a start function that loops cannot hold a
 * thread forever.
 */
public record CoreLimits(long maxMemoryBytes, MemoryBudget budget, Duration startTimeout) {

    /** No cap beyond the module's own maximum and the engine's hard limit, no shared budget, no start deadline. */
    public static final CoreLimits UNLIMITED = new CoreLimits(Long.MAX_VALUE, MemoryBudget.unlimited(), null);

    public CoreLimits {
        if (maxMemoryBytes < 0) {
            throw new IllegalArgumentException("maxMemoryBytes must be >= 0");
        }
        Objects.requireNonNull(budget, "budget");
        if (startTimeout != null && startTimeout.isNegative()) {
            throw new IllegalArgumentException("startTimeout must be >= 0");
        }
    }

    public CoreLimits(long maxMemoryBytes, MemoryBudget budget) {
        this(maxMemoryBytes, budget, null);
    }

    public static CoreLimits of(long maxMemoryBytes, MemoryBudget budget) {
        return new CoreLimits(maxMemoryBytes, budget, null);
    }

    /** These limits with start functions bounded by {@code timeout} (null: unbounded). */
    public CoreLimits withStartTimeout(Duration timeout) {
        return new CoreLimits(maxMemoryBytes, budget, timeout);
    }

    /** The per-memory cap in whole 64 KiB pages. */
    public long maxMemoryPages() {
        return maxMemoryBytes / CoreMemory.PAGE_SIZE;
    }
}
