/**
 * Immutable AST of a component binary: {@link dev.wharf.engine.internal.binary.ast.ComponentAst} holds
 * the {@link dev.wharf.engine.internal.binary.ast.Definition}s in binary order; indices are unresolved.
 * Features the engine does not run yet (async, streams, futures, values, start, fixed lists, maps) are
 * still represented so that validation can reject them by name.
 */
package dev.wharf.engine.internal.binary.ast;
