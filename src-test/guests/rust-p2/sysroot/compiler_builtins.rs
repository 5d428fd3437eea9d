//! The `compiler_builtins` crate of the wasm32-wasip2 fixtures' sysroot (see build.sh, "rust-p2"): rustc links one
//! into every `#![no_std]` crate. The real one comes from a crate registry this machine cannot reach; on wasm32 with
//! bulk memory (rustc's default there) LLVM lowers memcpy/memmove/memset to instructions, which leaves the C routines
//! core's own notes list as needed: memcmp, bcmp and strlen.
#![no_std]
#![feature(compiler_builtins)]
#![compiler_builtins]
#![no_builtins]
#![allow(internal_features)]

#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    let mut i = 0;
    while i < n {
        let (x, y) = unsafe { (*a.add(i), *b.add(i)) };
        if x != y {
            return x as i32 - y as i32;
        }
        i += 1;
    }
    0
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    unsafe { memcmp(a, b, n) }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn strlen(s: *const u8) -> usize {
    let mut n = 0;
    while unsafe { *s.add(n) } != 0 {
        n += 1;
    }
    n
}
