/**
 * Pools of component instances that are reset between requests instead of re-instantiated:
 * {@link dev.wharf.engine.pool.InstancePool}.
 */
package dev.wharf.engine.pool;
