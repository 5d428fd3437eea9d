//! hello-rust: responds 200, content-type text/plain, body "hello from rust\n"; writes one line to stdout
//! (println!) and one to stderr (eprintln!) through Rust std and the preview1 adapter.
extern crate alloc;

#[path = "wasi_http.rs"]
mod wasi_http;

use wasi_http::Handle;

#[export_name = "wasi:http/incoming-handler@0.2.10#handle"]
pub extern "C" fn handle(request: Handle, outparam: Handle) {
    unsafe { wasi_http::request_drop(request) };
    println!("hello-rust: to stdout");
    eprintln!("hello-rust: to stderr");
    let headers = unsafe { wasi_http::fields_new() };
    wasi_http::append(headers, "content-type", b"text/plain");
    let (body, stream) = wasi_http::respond(outparam, 200, headers);
    wasi_http::write_all(stream, "hello from rust\n".as_bytes());
    wasi_http::finish(body, stream);
}
