/**
 * Resource handles: per-instance {@link dev.wharf.engine.internal.resources.HandleTable}s with the
 * {@code resource.new/rep/drop} built-ins and own/borrow transfer rules, the per-call borrow scope
 * ({@link dev.wharf.engine.internal.resources.CallContext}) and the Java objects behind host-defined
 * resources ({@link dev.wharf.engine.internal.resources.HostObjectTable}).
 */
package dev.wharf.engine.internal.resources;
