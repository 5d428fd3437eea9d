/** The WebAssembly Component Model runtime: binary parser, types, canonical ABI, linker, instantiation plan and pooling, on Chicory. Never depends on Spring or on a host plugin. */
package dev.wharf.engine;
