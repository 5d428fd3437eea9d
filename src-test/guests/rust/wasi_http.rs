//! wasi_http.rs — hand-written Canonical ABI glue for wasi:http@0.2.10 (plus wasi:io@0.2.10) guests in
//! Rust, the counterpart of c/wasi_http.h, so the Rust fixtures need no wit-bindgen (and no crates).
//! Included by each fixture with `#[path = "wasi_http.rs"] mod wasi_http;`. It needs only `core` and `alloc`
//! (the crate root declares `extern crate alloc;`), so the same glue serves the std fixtures in rust/ and the
//! `#![no_std]` wasm32-wasip2 ones in rust-p2/.
//!
//! Conventions (Canonical ABI, MAX_FLAT_PARAMS = 16, MAX_FLAT_RESULTS = 1): own/borrow handles are i32;
//! string and list<T> are (ptr, len) pairs, allocated by the host in our memory through the exported
//! `cabi_realloc`; results that flatten to more than one value go to a return area whose address is the
//! import's last parameter, laid out with the ABI's size/alignment rules (layouts noted at each import).
#![allow(dead_code)]

use alloc::alloc::{alloc as heap_alloc, dealloc, realloc, Layout};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::slice;

pub type Handle = i32;

/// A return area large enough for every result used here, 8-aligned.
#[repr(C, align(8))]
pub struct Ret(pub [u8; 64]);

impl Ret {
    pub fn new() -> Ret {
        Ret([0; 64])
    }
    pub fn ptr(&mut self) -> *mut u8 {
        self.0.as_mut_ptr()
    }
    pub fn u8(&self, off: usize) -> u8 {
        self.0[off]
    }
    pub fn i32(&self, off: usize) -> i32 {
        i32::from_le_bytes([self.0[off], self.0[off + 1], self.0[off + 2], self.0[off + 3]])
    }
    pub fn i64(&self, off: usize) -> i64 {
        let mut b = [0u8; 8];
        b.copy_from_slice(&self.0[off..off + 8]);
        i64::from_le_bytes(b)
    }
}

extern "C" {
    fn __wasm_call_ctors();
}

/// A reactor's `_initialize`: runs the constructors (wasi-libc's environ set-up among them) once, when the
/// component is instantiated. Without it wasm-ld wraps EVERY export in a constructor call, `cabi_realloc`
/// included, and a realloc that reaches `wasi:cli/environment` is a call out of the instance while it may
/// not leave (the Canonical ABI traps: CANNOT_LEAVE).
#[export_name = "_initialize"]
pub extern "C" fn initialize() {
    unsafe { __wasm_call_ctors() }
}

/// cabi_realloc(old_ptr, old_size, align, new_size): the host allocates returned lists and strings here,
/// through Rust's global allocator with the exact layout, so `take_*` below can hand them back to it.
/// A zero-sized allocation is the alignment itself (a dangling, never freed pointer).
#[export_name = "cabi_realloc"]
pub unsafe extern "C" fn cabi_realloc(old_ptr: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    if new_size == 0 {
        return align as *mut u8;
    }
    let p = if old_size == 0 {
        heap_alloc(Layout::from_size_align_unchecked(new_size, align))
    } else {
        realloc(old_ptr, Layout::from_size_align_unchecked(old_size, align), new_size)
    };
    if p.is_null() {
        core::arch::wasm32::unreachable();
    }
    p
}

/// Takes ownership of a host-allocated list<u8> / string.
pub unsafe fn take_bytes(ptr: i32, len: i32) -> Vec<u8> {
    if len == 0 {
        return Vec::new();
    }
    Vec::from_raw_parts(ptr as *mut u8, len as usize, len as usize)
}

/// Frees a host-allocated list of `count` elements of `size` bytes aligned to `align` (after reading it).
pub unsafe fn free_list(ptr: i32, count: i32, size: usize, align: usize) {
    if count > 0 {
        dealloc(ptr as *mut u8, Layout::from_size_align_unchecked(count as usize * size, align));
    }
}

#[link(wasm_import_module = "wasi:io/poll@0.2.10")]
extern "C" {
    #[link_name = "[method]pollable.block"]
    pub fn pollable_block(this: Handle);
    #[link_name = "[resource-drop]pollable"]
    pub fn pollable_drop(this: Handle);
}

#[link(wasm_import_module = "wasi:io/error@0.2.10")]
extern "C" {
    #[link_name = "[resource-drop]error"]
    pub fn io_error_drop(this: Handle);
}

#[link(wasm_import_module = "wasi:io/streams@0.2.10")]
extern "C" {
    /// result<list<u8>, stream-error>: disc@0, list ptr@4 len@8 | stream-error disc@4 (0 = last-operation-failed(error@8), 1 = closed)
    #[link_name = "[method]input-stream.blocking-read"]
    fn input_blocking_read(this: Handle, len: i64, ret: *mut u8);
    #[link_name = "[resource-drop]input-stream"]
    pub fn input_stream_drop(this: Handle);
    /// result<u64, stream-error>: disc@0, u64@8 | stream-error disc@8, error@12
    #[link_name = "[method]output-stream.check-write"]
    fn output_check_write(this: Handle, ret: *mut u8);
    /// result<_, stream-error>: disc@0 | stream-error disc@4, error@8
    #[link_name = "[method]output-stream.write"]
    fn output_write(this: Handle, ptr: *const u8, len: usize, ret: *mut u8);
    #[link_name = "[method]output-stream.blocking-flush"]
    fn output_blocking_flush(this: Handle, ret: *mut u8);
    #[link_name = "[method]output-stream.subscribe"]
    fn output_subscribe(this: Handle) -> Handle;
    #[link_name = "[resource-drop]output-stream"]
    pub fn output_stream_drop(this: Handle);
}

#[link(wasm_import_module = "wasi:http/types@0.2.10")]
extern "C" {
    #[link_name = "[constructor]fields"]
    pub fn fields_new() -> Handle;
    /// result<_, header-error>: disc@0
    #[link_name = "[method]fields.append"]
    fn fields_append(this: Handle, name: *const u8, name_len: usize, value: *const u8, value_len: usize, ret: *mut u8);
    /// list<tuple<string, list<u8>>>: ptr@0 len@4; elements of 16 bytes (name ptr, len, value ptr, len)
    #[link_name = "[method]fields.entries"]
    fn fields_entries(this: Handle, ret: *mut u8);
    #[link_name = "[resource-drop]fields"]
    pub fn fields_drop(this: Handle);

    /// method: disc@0 (0 get .. 8 patch, 9 other), other(string) ptr@4 len@8
    #[link_name = "[method]incoming-request.method"]
    fn request_method(this: Handle, ret: *mut u8);
    /// option<string>: disc@0, ptr@4 len@8
    #[link_name = "[method]incoming-request.path-with-query"]
    fn request_path_with_query(this: Handle, ret: *mut u8);
    #[link_name = "[method]incoming-request.headers"]
    pub fn request_headers(this: Handle) -> Handle;
    /// result<own<incoming-body>>: disc@0, handle@4
    #[link_name = "[method]incoming-request.consume"]
    fn request_consume(this: Handle, ret: *mut u8);
    #[link_name = "[resource-drop]incoming-request"]
    pub fn request_drop(this: Handle);

    #[link_name = "[method]incoming-body.stream"]
    fn incoming_body_stream(this: Handle, ret: *mut u8);
    #[link_name = "[static]incoming-body.finish"]
    pub fn incoming_body_finish(this: Handle) -> Handle;
    #[link_name = "[resource-drop]future-trailers"]
    pub fn future_trailers_drop(this: Handle);

    #[link_name = "[constructor]outgoing-response"]
    fn response_new(headers: Handle) -> Handle;
    /// result (no payloads) flattens to one i32: 0 = ok
    #[link_name = "[method]outgoing-response.set-status-code"]
    fn response_set_status_code(this: Handle, status: i32) -> i32;
    #[link_name = "[method]outgoing-response.body"]
    fn response_body(this: Handle, ret: *mut u8);
    #[link_name = "[method]outgoing-body.write"]
    fn outgoing_body_write(this: Handle, ret: *mut u8);
    /// finish(own<outgoing-body>, option<own<trailers>>) -> result<_, error-code>: disc@0
    #[link_name = "[static]outgoing-body.finish"]
    fn outgoing_body_finish(this: Handle, has_trailers: i32, trailers: Handle, ret: *mut u8);
    /// set(param, result<own<outgoing-response>, error-code>): the result flattens to
    /// [i32 disc, i32, i32, i64, i32, i32, i32, i32] (error-code's widest case joins an i64 at slot 3)
    #[link_name = "[static]response-outparam.set"]
    fn outparam_set(param: Handle, is_err: i32, a: i32, b: i32, c: i64, d: i32, e: i32, f: i32, g: i32);
}

const METHODS: [&str; 9] = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];

/// The request's method name ("GET", ... or the `other` text as sent).
pub fn method(request: Handle) -> String {
    let mut r = Ret::new();
    unsafe { request_method(request, r.ptr()) };
    match METHODS.get(r.u8(0) as usize) {
        Some(name) => name.to_string(),
        None => String::from_utf8_lossy(&unsafe { take_bytes(r.i32(4), r.i32(8)) }).into_owned(),
    }
}

/// path-with-query, "" when none.
pub fn path_with_query(request: Handle) -> String {
    let mut r = Ret::new();
    unsafe { request_path_with_query(request, r.ptr()) };
    if r.u8(0) == 0 {
        return String::new();
    }
    String::from_utf8_lossy(&unsafe { take_bytes(r.i32(4), r.i32(8)) }).into_owned()
}

/// Every (name, value) of a fields resource, repeats kept, in order.
pub fn entries(fields: Handle) -> Vec<(String, Vec<u8>)> {
    let mut r = Ret::new();
    unsafe { fields_entries(fields, r.ptr()) };
    let (ptr, n) = (r.i32(0), r.i32(4));
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n as usize {
        let e = unsafe { slice::from_raw_parts((ptr as usize + 16 * i) as *const i32, 4) };
        let name = String::from_utf8_lossy(&unsafe { take_bytes(e[0], e[1]) }).into_owned();
        out.push((name, unsafe { take_bytes(e[2], e[3]) }));
    }
    unsafe { free_list(ptr, n, 16, 4) };
    out
}

/// Appends a header; false when the host refuses it (header-error).
pub fn append(fields: Handle, name: &str, value: &[u8]) -> bool {
    let mut r = Ret::new();
    unsafe { fields_append(fields, name.as_ptr(), name.len(), value.as_ptr(), value.len(), r.ptr()) };
    r.u8(0) == 0
}

/// The request body as (incoming-body, input-stream), or None when it was already consumed.
pub fn body_stream(request: Handle) -> Option<(Handle, Handle)> {
    let mut r = Ret::new();
    unsafe { request_consume(request, r.ptr()) };
    if r.u8(0) != 0 {
        return None;
    }
    let body = r.i32(4);
    unsafe { incoming_body_stream(body, r.ptr()) };
    if r.u8(0) != 0 {
        return None;
    }
    Some((body, r.i32(4)))
}

/// Blocking read of up to `max` bytes: Some(bytes), or None at the end of the stream (or on failure).
pub fn read(stream: Handle, max: u64) -> Option<Vec<u8>> {
    let mut r = Ret::new();
    unsafe { input_blocking_read(stream, max as i64, r.ptr()) };
    if r.u8(0) == 0 {
        return Some(unsafe { take_bytes(r.i32(4), r.i32(8)) });
    }
    if r.u8(4) == 0 {
        unsafe { io_error_drop(r.i32(8)) };
    }
    None
}

/// Sends the response head (the headers handle is consumed) and returns (outgoing-body, output-stream).
/// Panics (a trap) when the host refuses.
pub fn respond(outparam: Handle, status: u16, headers: Handle) -> (Handle, Handle) {
    let mut r = Ret::new();
    let response = unsafe { response_new(headers) };
    assert!(unsafe { response_set_status_code(response, status as i32) } == 0, "bad status {}", status);
    unsafe { response_body(response, r.ptr()) };
    assert!(r.u8(0) == 0, "outgoing-response.body refused");
    let body = r.i32(4);
    unsafe { outgoing_body_write(body, r.ptr()) };
    assert!(r.u8(0) == 0, "outgoing-body.write refused");
    let stream = r.i32(4);
    unsafe { outparam_set(outparam, 0, response, 0, 0, 0, 0, 0, 0) };
    (body, stream)
}

/// Writes all of `data` within check-write's permits (waiting on the stream's pollable when it is 0).
/// False when the stream failed or closed.
pub fn write_all(stream: Handle, mut data: &[u8]) -> bool {
    let mut r = Ret::new();
    while !data.is_empty() {
        unsafe { output_check_write(stream, r.ptr()) };
        if r.u8(0) != 0 {
            if r.u8(8) == 0 {
                unsafe { io_error_drop(r.i32(12)) };
            }
            return false;
        }
        let permit = r.i64(8) as u64;
        if permit == 0 {
            let pollable = unsafe { output_subscribe(stream) };
            unsafe {
                pollable_block(pollable);
                pollable_drop(pollable);
            }
            continue;
        }
        let n = data.len().min(permit as usize).min(65536);
        unsafe { output_write(stream, data.as_ptr(), n, r.ptr()) };
        if r.u8(0) != 0 {
            if r.u8(4) == 0 {
                unsafe { io_error_drop(r.i32(8)) };
            }
            return false;
        }
        data = &data[n..];
    }
    true
}

/// Flushes and drops the body's stream, then finishes the body without trailers.
pub fn finish(body: Handle, stream: Handle) -> bool {
    let mut r = Ret::new();
    unsafe {
        output_blocking_flush(stream, r.ptr());
        if r.u8(0) != 0 && r.u8(4) == 0 {
            io_error_drop(r.i32(8));
        }
        output_stream_drop(stream);
        outgoing_body_finish(body, 0, 0, r.ptr());
    }
    r.u8(0) == 0
}
