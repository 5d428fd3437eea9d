/** Host plugin for the wasi:http/proxy world (wasi:http, wasi:io, wasi:clocks, wasi:random, wasi:cli). Depends on the engine only. */
package dev.wharf.wasi.http;
