//! echo-rust-p2: the echo-rust handler (rust/echo-rust.rs, the same source) built for wasm32-wasip2, so one
//! handler is served from both Rust paths: the preview1 std + adapter one, and the native preview2 one, where
//! rustc's own linker (wasm-component-ld) makes the component. `#![no_std]` with `alloc`: see runtime.rs.
#![no_std]

extern crate alloc;

#[macro_use]
#[path = "runtime.rs"]
mod runtime;

#[path = "../rust/echo-rust.rs"]
mod echo;
