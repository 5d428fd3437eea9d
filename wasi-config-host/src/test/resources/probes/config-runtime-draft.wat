;; config-runtime-draft: a probe component for Wharf's wasi:config host. It imports wasi:config/runtime@0.2.0-draft (as WebAssembly/wasi-config defines
;; it: get/get-all with variant config-error { upstream(string), io(string) }) and re-exports both calls as
;; wharf:test/config-probe@0.1.0 with types that need no names:
;;   get(key: string) -> tuple<u32, string>
;;       0 = ok(some(value)), 1 = ok(none), 2 = err(upstream(message)), 3 = err(io(message))
;;   get-all() -> tuple<u32, list<tuple<string, string>>, string>
;;       0 = ok(pairs), 2/3 = err(upstream/io(message)) with the message in the string
;; Built with: jco parse config-runtime-draft.wat -o config-runtime-draft.wasm
(component
  (type $config-t (instance
    (type $err (variant (case "upstream" string) (case "io" string)))
    (export "config-error" (type $err-e (eq $err)))
    (type $get-r (result (option string) (error $err-e)))
    (export "get" (func (param "key" string) (result $get-r)))
    (type $pair (tuple string string))
    (type $all-r (result (list $pair) (error $err-e)))
    (export "get-all" (func (result $all-r)))))
  (import "wasi:config/runtime@0.2.0-draft" (instance $config (type $config-t)))
  (alias export $config "get" (func $get))
  (alias export $config "get-all" (func $get-all))

  ;; memory and a bump allocator, reset after every export call
  (core module $heap
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (global.set $bump (i32.add (local.get $p) (local.get $new_size)))
      (if (i32.gt_u (global.get $bump) (i32.shl (memory.size) (i32.const 16)))
        (then (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $bump) (i32.shl (memory.size) (i32.const 16))) (i32.const 16)) (i32.const 1)))
                          (i32.const -1))
                (then unreachable))))
      (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old) (local.get $old_size))))
      (local.get $p))
    (func (export "cabi_post_ret") (param i32) (global.set $bump (i32.const 1024))))
  (core instance $h (instantiate $heap))
  (alias core export $h "memory" (core memory $mem))
  (alias core export $h "cabi_realloc" (core func $realloc))
  (core func $get-lowered (canon lower (func $get) (memory $mem) (realloc $realloc) string-encoding=utf8))
  (core func $get-all-lowered (canon lower (func $get-all) (memory $mem) (realloc $realloc) string-encoding=utf8))

  ;; the import's return area is at 64; the export's at 16
  (core module $probe
    (import "heap" "memory" (memory 1))
    (import "config" "get" (func $get (param i32 i32 i32)))
    (import "config" "get-all" (func $get-all (param i32)))
    (func (export "get") (param $p i32) (param $n i32) (result i32)
      (i32.store (i32.const 72) (i32.const 0))
      (i32.store (i32.const 76) (i32.const 0))
      (call $get (local.get $p) (local.get $n) (i32.const 64))
      (if (i32.load8_u (i32.const 64))
        (then (i32.store (i32.const 16) (i32.add (i32.const 2) (i32.load8_u (i32.const 68)))))
        (else (i32.store (i32.const 16) (i32.sub (i32.const 1) (i32.load8_u (i32.const 68))))))
      (i32.store (i32.const 20) (i32.load (i32.const 72)))
      (i32.store (i32.const 24) (i32.load (i32.const 76)))
      (i32.const 16))
    (func (export "get-all") (result i32)
      (call $get-all (i32.const 64))
      (if (i32.load8_u (i32.const 64))
        (then
          (i32.store (i32.const 16) (i32.add (i32.const 2) (i32.load8_u (i32.const 68))))
          (i32.store (i32.const 20) (i32.const 0))
          (i32.store (i32.const 24) (i32.const 0))
          (i32.store (i32.const 28) (i32.load (i32.const 72)))
          (i32.store (i32.const 32) (i32.load (i32.const 76))))
        (else
          (i32.store (i32.const 16) (i32.const 0))
          (i32.store (i32.const 20) (i32.load (i32.const 68)))
          (i32.store (i32.const 24) (i32.load (i32.const 72)))
          (i32.store (i32.const 28) (i32.const 0))
          (i32.store (i32.const 32) (i32.const 0))))
      (i32.const 16)))
  (core instance $p (instantiate $probe
    (with "heap" (instance $h))
    (with "config" (instance (export "get" (func $get-lowered)) (export "get-all" (func $get-all-lowered))))))

  (func $probe-get (param "key" string) (result (tuple u32 string))
    (canon lift (core func $p "get") (memory $mem) (realloc $realloc) string-encoding=utf8
      (post-return (core func $h "cabi_post_ret"))))
  (func $probe-get-all (result (tuple u32 (list (tuple string string)) string))
    (canon lift (core func $p "get-all") (memory $mem) (realloc $realloc) string-encoding=utf8
      (post-return (core func $h "cabi_post_ret"))))
  (instance $exports (export "get" (func $probe-get)) (export "get-all" (func $probe-get-all)))
  (export "wharf:test/config-probe@0.1.0" (instance $exports))
)
