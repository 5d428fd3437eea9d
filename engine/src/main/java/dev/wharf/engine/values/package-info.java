/**
 * Component-level values ({@link dev.wharf.engine.values.WitValue}) as host plugins see them: what
 * the Canonical ABI lifts out of a guest and lowers into one.
 */
package dev.wharf.engine.values;
