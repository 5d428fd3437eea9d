package dev.wharf.engine.internal.binary.ast;

/** A {@code valtype}: a primitive or a type index. */
public sealed interface ValTypeRef {
    record Prim(PrimValType type) implements ValTypeRef {}

    record Idx(int index) implements ValTypeRef {}
}
