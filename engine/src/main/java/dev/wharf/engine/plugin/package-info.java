/**
 * The host plugin SPI: how capabilities beyond the engine (wasi:keyvalue, wasi:config, ...) plug into a
 * platform. See {@link dev.wharf.engine.plugin.HostPlugin}.
 */
package dev.wharf.engine.plugin;
