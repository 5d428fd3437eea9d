/**
 * Host plugin for multitenant wasi:config (runtime configuration with secrets): {@link
 * dev.wharf.wasi.config.WasiConfigPlugin} serves {@code get}/{@code get-all} from a {@link
 * dev.wharf.wasi.config.ConfigSource} the platform provides. Depends on the engine only.
 */
package dev.wharf.wasi.config;
