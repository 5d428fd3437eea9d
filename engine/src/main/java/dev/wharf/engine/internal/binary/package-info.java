/**
 * Decoder for the Component Model binary format (design/mvp/Binary.md): {@link
 * dev.wharf.engine.internal.binary.ComponentBinaryParser} turns bytes into the immutable AST of {@code
 * ast}. Core modules are kept as byte slices for Chicory. Every length and count is checked against the
 * bytes left before anything is allocated, nesting is bounded, and every failure is a {@link
 * dev.wharf.engine.MalformedComponentException} with the offset (or an {@link
 * dev.wharf.engine.UnsupportedComponentFeatureException} for the few forms that cannot even be skipped).
 */
package dev.wharf.engine.internal.binary;
