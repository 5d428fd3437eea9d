package dev.wharf.engine.pool;

import java.util.Map;

/**
 * A consistent snapshot of an {@link InstancePool}'s counters.
 *
 * @param size instances alive (idle plus leased, plus those being created)
 * @param idle instances waiting for a lease
 * @param inUse instances leased out
 * @param created instances created since the pool was
 * @param acquired leases handed out
 * @param resets successful resets
 * @param discarded instances closed, by reason (every reason present)
 * @param instantiateNanos total time spent creating instances
 * @param resetNanos total time spent resetting instances (failed resets included)
 */
public record PoolStats(int size, int idle, int inUse, long created, long acquired, long resets, Map<DiscardReason, Long> discarded,
        long instantiateNanos, long resetNanos) {

    public PoolStats {
        discarded = Map.copyOf(discarded);
    }

    /** All instances discarded, whatever the reason. */
    public long discardedTotal() {
        return discarded.values().stream().mapToLong(Long::longValue).sum();
    }
}
