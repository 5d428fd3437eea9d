/** Host plugin for wasi:keyvalue, backed by PostgreSQL and isolated per tenant. Depends on the engine only. */
package dev.wharf.wasi.keyvalue;
