package dev.wharf.engine.internal.binary.ast;

/** An alias definition or declarator. */
public sealed interface Alias {
    Sort sort();

    int offset();

    /** {@code (alias export i "name" (sort))}: an export of a component instance. */
    record InstanceExport(Sort sort, int instanceIndex, String name, int offset) implements Alias {}

    /** {@code (alias core export i "name" (core sort))}: an export of a core instance. */
    record CoreInstanceExport(Sort sort, int coreInstanceIndex, String name, int offset) implements Alias {}

    /** {@code (alias outer ct idx (sort))}. */
    record Outer(Sort sort, int count, int index, int offset) implements Alias {}
}
