;; toolchain-imports: what TinyGo's wasip2 runtime and wit-component's preview1 adapter import from
;; wasi:filesystem (flags-typed open-at, read, the directory-entry-stream resource and its reader), beyond the
;; stdio part. Built with: jco parse toolchain-imports.wat -o toolchain-imports.wasm
;;   preopens() -> u32                the number of preopened directories (the host has none)
;;   open-flags-linked() -> u32       1 (open-at, read and read-directory-entry are lowered, so they must link)
(component
  (import "wasi:filesystem/types@0.2.3" (instance $types
    (export "descriptor" (type $d (sub resource)))
    (export "directory-entry-stream" (type $s (sub resource)))
    (type $e-def (enum "access" "would-block" "already" "bad-descriptor" "busy" "deadlock"
      "quota" "exist" "file-too-large" "illegal-byte-sequence" "in-progress" "interrupted" "invalid" "io"
      "is-directory" "loop" "too-many-links" "message-size" "name-too-long" "no-device" "no-entry" "no-lock"
      "insufficient-memory" "insufficient-space" "not-directory" "not-empty" "not-recoverable" "unsupported"
      "no-tty" "no-such-device" "overflow" "not-permitted" "pipe" "read-only" "invalid-seek" "text-file-busy"
      "cross-device"))
    (export "error-code" (type $e (eq $e-def)))
    (type $pf-def (flags "symlink-follow"))
    (export "path-flags" (type $pf (eq $pf-def)))
    (type $of-def (flags "create" "directory" "exclusive" "truncate"))
    (export "open-flags" (type $of (eq $of-def)))
    (type $df-def (flags "read" "write" "file-integrity-sync" "data-integrity-sync"
      "requested-write-sync" "mutate-directory"))
    (export "descriptor-flags" (type $df (eq $df-def)))
    (type $dt-def (enum "unknown" "block-device" "character-device" "directory" "fifo"
      "symbolic-link" "regular-file" "socket"))
    (export "descriptor-type" (type $dt (eq $dt-def)))
    (type $de-def (record (field "type" $dt) (field "name" string)))
    (export "directory-entry" (type $de (eq $de-def)))
    (export "[method]descriptor.open-at" (func (param "self" (borrow $d)) (param "path-flags" $pf)
      (param "path" string) (param "open-flags" $of) (param "flags" $df) (result (result (own $d) (error $e)))))
    (export "[method]descriptor.read" (func (param "self" (borrow $d)) (param "length" u64) (param "offset" u64)
      (result (result (tuple (list u8) bool) (error $e)))))
    (export "[method]descriptor.read-directory" (func (param "self" (borrow $d)) (result (result (own $s) (error $e)))))
    (export "[method]directory-entry-stream.read-directory-entry" (func (param "self" (borrow $s))
      (result (result (option $de) (error $e)))))))
  (alias export $types "descriptor" (type $descriptor))
  (import "wasi:filesystem/preopens@0.2.3" (instance $preopens
    (alias outer 1 $descriptor (type $d))
    (export "descriptor" (type $dd (eq $d)))
    (export "get-directories" (func (result (list (tuple (own $dd) string)))))))
  (core module $mem
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
      (local.set $p (global.get $next))
      (global.set $next (i32.add (global.get $next) (local.get 3)))
      (local.get $p)))
  (core instance $mi (instantiate $mem))
  (alias core export $mi "memory" (core memory $memory))
  (alias core export $mi "realloc" (core func $realloc))
  (core func $get-directories (canon lower (func $preopens "get-directories") (memory $memory) (realloc $realloc)))
  (core func $open-at (canon lower (func $types "[method]descriptor.open-at") (memory $memory) (realloc $realloc)))
  (core func $read (canon lower (func $types "[method]descriptor.read") (memory $memory) (realloc $realloc)))
  (core func $read-entry (canon lower (func $types "[method]directory-entry-stream.read-directory-entry")
    (memory $memory) (realloc $realloc)))
  (core module $m
    (import "fs" "get-directories" (func $get-directories (param i32)))
    (import "fs" "open-at" (func $open-at (param i32 i32 i32 i32 i32 i32 i32)))
    (import "fs" "read" (func $read (param i32 i64 i64 i32)))
    (import "fs" "read-entry" (func $read-entry (param i32 i32)))
    (import "mem" "memory" (memory 1))
    (func (export "preopens") (result i32)
      (call $get-directories (i32.const 16))
      (i32.load (i32.const 20)))
    (func (export "open-flags-linked") (result i32) (i32.const 1)))
  (core instance $i (instantiate $m
    (with "fs" (instance
      (export "get-directories" (func $get-directories))
      (export "open-at" (func $open-at))
      (export "read" (func $read))
      (export "read-entry" (func $read-entry))))
    (with "mem" (instance $mi))))
  (func (export "preopens") (result u32) (canon lift (core func $i "preopens")))
  (func (export "open-flags-linked") (result u32) (canon lift (core func $i "open-flags-linked")))
)
