//! The `#![no_std]` runtime of the wasm32-wasip2 fixtures: what Rust's std would supply on that target and what
//! these fixtures use of it. A global allocator (power-of-two size classes over `memory.grow`), a panic handler
//! that reports on stderr and traps, and `println!`/`eprintln!` over wasi:cli/stdout and stderr.
//!
//! Declared first in each crate root with `#[macro_use]`, so the shared handler sources in rust/ (written for
//! std) find the same macros here.
#![allow(dead_code)]

use alloc::string::String;
use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;
use core::fmt::{self, Write};

const PAGE: usize = 65536;
const CLASSES: usize = usize::BITS as usize;

/// Blocks of 2^k bytes, each aligned to its size up to a page, so a freed block serves any later request of
/// its class whatever that request's alignment. Freed blocks go on their class's list, threaded through
/// their first word; fresh ones are cut from the end of the heap, which grows by whole pages.
struct Heap {
    free: UnsafeCell<[usize; CLASSES]>,
    next: UnsafeCell<usize>,
    end: UnsafeCell<usize>,
}

// A component instance runs one thread.
unsafe impl Sync for Heap {}

#[global_allocator]
static HEAP: Heap = Heap { free: UnsafeCell::new([0; CLASSES]), next: UnsafeCell::new(0), end: UnsafeCell::new(0) };

extern "C" {
    /// The first byte after static data and the stack, placed by wasm-ld.
    static __heap_base: u8;
}

fn class_of(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(core::mem::size_of::<usize>());
    size.next_power_of_two().trailing_zeros() as usize
}

unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let class = class_of(layout);
        let free = &mut *self.free.get();
        if free[class] != 0 {
            let block = free[class];
            free[class] = *(block as *const usize);
            return block as *mut u8;
        }
        let (next, end) = (&mut *self.next.get(), &mut *self.end.get());
        if *next == 0 {
            *next = core::ptr::addr_of!(__heap_base) as usize;
            *end = wasm32::memory_size(0) * PAGE;
        }
        let size = 1usize << class;
        let align = size.min(PAGE);
        let start = (*next + align - 1) & !(align - 1);
        if start + size > *end {
            let pages = (start + size - *end + PAGE - 1) / PAGE;
            if wasm32::memory_grow(0, pages) == usize::MAX {
                return core::ptr::null_mut();
            }
            *end += pages * PAGE;
        }
        *next = start + size;
        start as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let class = class_of(layout);
        let free = &mut *self.free.get();
        *(ptr as *mut usize) = free[class];
        free[class] = ptr as usize;
    }
}

#[link(wasm_import_module = "wasi:cli/stdout@0.2.10")]
extern "C" {
    #[link_name = "get-stdout"]
    fn get_stdout() -> i32;
}

#[link(wasm_import_module = "wasi:cli/stderr@0.2.10")]
extern "C" {
    #[link_name = "get-stderr"]
    fn get_stderr() -> i32;
}

#[link(wasm_import_module = "wasi:io/streams@0.2.10")]
extern "C" {
    /// result<_, stream-error>: disc@0 | stream-error disc@4 (0 = last-operation-failed(error@8), 1 = closed)
    #[link_name = "[method]output-stream.blocking-write-and-flush"]
    fn blocking_write_and_flush(this: i32, ptr: *const u8, len: usize, ret: *mut u8);
    #[link_name = "[resource-drop]output-stream"]
    fn output_stream_drop(this: i32);
}

#[link(wasm_import_module = "wasi:io/error@0.2.10")]
extern "C" {
    #[link_name = "[resource-drop]error"]
    fn io_error_drop(this: i32);
}

pub enum Output {
    Stdout,
    Stderr,
}

/// Writes one formatted line; output that cannot be written is dropped, as std's print does on a closed pipe.
pub fn print_line(output: Output, args: fmt::Arguments) {
    let mut line = String::new();
    let _ = line.write_fmt(args);
    line.push('\n');
    unsafe {
        let stream = match output {
            Output::Stdout => get_stdout(),
            Output::Stderr => get_stderr(),
        };
        #[repr(C, align(4))]
        struct Ret([u8; 12]);
        let mut ret = Ret([0; 12]);
        // blocking-write-and-flush takes at most 4096 bytes per call
        for chunk in line.as_bytes().chunks(4096) {
            blocking_write_and_flush(stream, chunk.as_ptr(), chunk.len(), ret.0.as_mut_ptr());
            if ret.0[0] != 0 {
                if ret.0[4] == 0 {
                    io_error_drop(i32::from_le_bytes([ret.0[8], ret.0[9], ret.0[10], ret.0[11]]));
                }
                break;
            }
        }
        output_stream_drop(stream);
    }
}

macro_rules! println {
    ($($arg:tt)*) => { $crate::runtime::print_line($crate::runtime::Output::Stdout, format_args!($($arg)*)) };
}

macro_rules! eprintln {
    ($($arg:tt)*) => { $crate::runtime::print_line($crate::runtime::Output::Stderr, format_args!($($arg)*)) };
}

/// A panic is a bug in the fixture: say where on stderr, then trap.
#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    print_line(Output::Stderr, format_args!("{}", info));
    wasm32::unreachable()
}
