/**
 * The Chicory backend of the core-engine boundary ({@link dev.wharf.engine.core}). Everything that
 * knows about Chicory lives here; nothing outside this package imports {@code com.dylibso.chicory}.
 */
package dev.wharf.engine.internal.chicory;
