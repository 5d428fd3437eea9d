package dev.wharf.engine.core;

/**
 * A core value type as it appears in function signatures, globals and tables. On the boundary every
 * value is a {@code long}: i32 in the low 32 bits, f32/f64 as their raw IEEE bits, references as an
 * engine-specific handle.
 */
public enum ValueType {
    I32,
    I64,
    F32,
    F64,
    V128,
    FUNCREF,
    EXTERNREF
}
