package dev.wharf.engine.pool;

/**
 * The knobs of an {@link InstancePool}.
 *
 * @param maxTotal instances alive at once, leased plus idle (at least 1); {@code acquire} waits
 *     when all are leased
 * @param maxIdle instances kept for reuse (0 to {@code maxTotal}); an instance returned when this
 *     many are idle is closed
 * @param prewarm instances created when the pool is created (0 to {@code maxIdle})
 * @param maxUsesPerInstance leases an instance serves before it is discarded instead of reset (0:
 *     no limit); bounds what a guest can accumulate that a reset does not undo (nothing known
 *     today) and spreads instantiation cost evenly
 * @param maxMemoryGrowthBytes how far an instance's memories may have grown past their initial
 *     size when it comes back and still be reset rather than discarded (reset shrinks them back
 *     either way; discarding a guest that grows a lot makes it start from a fresh instance)
 */
public record PoolConfig(int maxTotal, int maxIdle, int prewarm, long maxUsesPerInstance, long maxMemoryGrowthBytes) {

    /** The defaults: 16 total, 16 idle, no prewarm, no use limit, 64 MiB of growth tolerated. */
    public static final PoolConfig DEFAULTS = new PoolConfig(16, 16, 0, 0, 64L << 20);

    public PoolConfig {
        if (maxTotal < 1) {
            throw new IllegalArgumentException("maxTotal must be at least 1, got " + maxTotal);
        }
        if (maxIdle < 0 || maxIdle > maxTotal) {
            throw new IllegalArgumentException("maxIdle must be between 0 and maxTotal (" + maxTotal + "), got " + maxIdle);
        }
        if (prewarm < 0 || prewarm > maxIdle) {
            throw new IllegalArgumentException("prewarm must be between 0 and maxIdle (" + maxIdle + "), got " + prewarm);
        }
        if (maxUsesPerInstance < 0) {
            throw new IllegalArgumentException("maxUsesPerInstance must be 0 (no limit) or more, got " + maxUsesPerInstance);
        }
        if (maxMemoryGrowthBytes < 0) {
            throw new IllegalArgumentException("maxMemoryGrowthBytes must be 0 or more, got " + maxMemoryGrowthBytes);
        }
    }

    /** {@code maxTotal} and {@code maxIdle} set to {@code size}, the rest default. */
    public static PoolConfig ofSize(int size) {
        return DEFAULTS.withMaxTotal(size).withMaxIdle(size);
    }

    public PoolConfig withMaxTotal(int value) {
        return new PoolConfig(value, Math.min(maxIdle, value), Math.min(prewarm, Math.min(maxIdle, value)), maxUsesPerInstance, maxMemoryGrowthBytes);
    }

    public PoolConfig withMaxIdle(int value) {
        return new PoolConfig(maxTotal, value, Math.min(prewarm, value), maxUsesPerInstance, maxMemoryGrowthBytes);
    }

    public PoolConfig withPrewarm(int value) {
        return new PoolConfig(maxTotal, maxIdle, value, maxUsesPerInstance, maxMemoryGrowthBytes);
    }

    public PoolConfig withMaxUsesPerInstance(long value) {
        return new PoolConfig(maxTotal, maxIdle, prewarm, value, maxMemoryGrowthBytes);
    }

    public PoolConfig withMaxMemoryGrowthBytes(long value) {
        return new PoolConfig(maxTotal, maxIdle, prewarm, maxUsesPerInstance, value);
    }
}
