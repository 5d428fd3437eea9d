//! echo-rust: like echo-c, in Rust with std: 200 with x-echo-method, x-echo-path-with-query, every request
//! header as x-echo-h-<name> (repeats kept, in order), and the request body streamed back (64 KiB reads).
//! Logs `echo-rust: <method> <path-with-query>` to stdout (println!) and the header and body byte counts to
//! stderr (eprintln!).
extern crate alloc;

#[path = "wasi_http.rs"]
mod wasi_http;

use alloc::format;
use wasi_http::Handle;

#[export_name = "wasi:http/incoming-handler@0.2.10#handle"]
pub extern "C" fn handle(request: Handle, outparam: Handle) {
    let method = wasi_http::method(request);
    let path = wasi_http::path_with_query(request);
    println!("echo-rust: {} {}", method, path);

    let headers = unsafe { wasi_http::fields_new() };
    wasi_http::append(headers, "x-echo-method", method.as_bytes());
    wasi_http::append(headers, "x-echo-path-with-query", path.as_bytes());
    let request_headers = unsafe { wasi_http::request_headers(request) };
    let entries = wasi_http::entries(request_headers);
    unsafe { wasi_http::fields_drop(request_headers) };
    for (name, value) in &entries {
        wasi_http::append(headers, &format!("x-echo-h-{}", name), value);
    }

    let input = wasi_http::body_stream(request);
    let (body, out) = wasi_http::respond(outparam, 200, headers);
    let mut echoed: u64 = 0;
    if let Some((in_body, in_stream)) = input {
        while let Some(chunk) = wasi_http::read(in_stream, 65536) {
            if !wasi_http::write_all(out, &chunk) {
                break;
            }
            echoed += chunk.len() as u64;
        }
        unsafe {
            wasi_http::input_stream_drop(in_stream);
            wasi_http::future_trailers_drop(wasi_http::incoming_body_finish(in_body));
        }
    }
    unsafe { wasi_http::request_drop(request) };
    eprintln!("echo-rust: {} header(s), {} body byte(s)", entries.len(), echoed);
    wasi_http::finish(body, out);
}
