/** Host plugin for multitenant wasi:config (runtime configuration with secrets). Depends on the engine only. */
package dev.wharf.wasi.config;
