/**
 * The core-engine boundary: everything the component layer needs from a WebAssembly core engine
 * (compile, link, instantiate, call, memory access, snapshot/reset, interruption), and nothing
 * more. The component layer talks only to these types so that a second backend (GraalWasm for very
 * large modules) can be added beside the Chicory one without touching it. Values cross the
 * boundary as raw {@code long} bit patterns, the representation both backends use internally, so
 * no boxing happens on a call.
 */
package dev.wharf.engine.core;
