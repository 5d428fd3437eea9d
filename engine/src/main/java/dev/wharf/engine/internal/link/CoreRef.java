package dev.wharf.engine.internal.link;

import dev.wharf.engine.internal.binary.ast.Sort;

/**
 * A core item (function, memory, table, global) as the plan knows it: resolved at plan time to
 * where it will live at run time, so instantiation never walks index spaces or alias chains.
 */
public sealed interface CoreRef {

    /** Export {@code name} of the core instance in run-time slot {@code slot}. */
    record Export(int slot, String name, Sort sort) implements CoreRef {}

    /** The {@code index}-th lowered host import ({@code canon lower}). */
    record Lowered(int index) implements CoreRef {}

    /** The {@code index}-th resource built-in ({@code canon resource.new/rep/drop}). */
    record Builtin(int index) implements CoreRef {}
}
