;; host-call: the component behind HostCallBenchmark (dev.wharf.engine.bench). It exports
;; wharf:bench/app@1.0.0 with three functions of the same type, (s: string) -> u32:
;;   via-host(s)     = host.take(s)      the string is lowered into the guest, then lifted back out
;;                                       and passed to a host function (a WitValue.Str), whose u32
;;                                       result is lowered back: a full host call round trip
;;   via-host-raw(s) = host.take-raw(s)  the same import type, defined with Linker.defineRaw: the
;;                                       host gets the flat (ptr, len) and builds no WitValue
;;   local(s)        = len(s)            no host call: the baseline with the same argument lowering
;; Encode with: ../../../../../src-test/guests/node_modules/.bin/jco parse host-call.wat -o host-call.wasm
(component
  (import "wharf:bench/host@1.0.0" (instance $host
    (export "take" (func (param "s" string) (result u32)))
    (export "take-raw" (func (param "s" string) (result u32)))))
  (core module $mem
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 1024))
    ;; a bump allocator that starts over at 1024 when the next allocation would not fit in
    ;; the first page: the benchmark calls millions of times and no string outlives its call
    (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (if (i32.gt_u (i32.add (local.get $p) (local.get $new_size)) (i32.const 65536))
        (then (local.set $p (i32.const 1024))
              (if (i32.gt_u (local.get $new_size) (i32.const 64512)) (then unreachable))))
      (global.set $bump (i32.add (local.get $p) (local.get $new_size)))
      (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old) (local.get $old_size))))
      (local.get $p)))
  (core instance $m (instantiate $mem))
  (alias core export $m "memory" (core memory $memory))
  (alias core export $m "cabi_realloc" (core func $realloc))
  (alias export $host "take" (func $take))
  (alias export $host "take-raw" (func $take-raw))
  (core func $take-lowered (canon lower (func $take) (memory $memory) string-encoding=utf8))
  (core func $take-raw-lowered (canon lower (func $take-raw) (memory $memory) string-encoding=utf8))
  (core module $main
    (import "host" "take" (func $take (param i32 i32) (result i32)))
    (import "host" "take-raw" (func $take-raw (param i32 i32) (result i32)))
    (import "mem" "memory" (memory 1))
    (func (export "via-host") (param i32 i32) (result i32)
      (call $take (local.get 0) (local.get 1)))
    (func (export "via-host-raw") (param i32 i32) (result i32)
      (call $take-raw (local.get 0) (local.get 1)))
    (func (export "local") (param i32 i32) (result i32)
      (local.get 1)))
  (core instance $i (instantiate $main
    (with "host" (instance
      (export "take" (func $take-lowered))
      (export "take-raw" (func $take-raw-lowered))))
    (with "mem" (instance $m))))
  (func $via-host (param "s" string) (result u32)
    (canon lift (core func $i "via-host") (memory $memory) (realloc $realloc) string-encoding=utf8))
  (func $via-host-raw (param "s" string) (result u32)
    (canon lift (core func $i "via-host-raw") (memory $memory) (realloc $realloc) string-encoding=utf8))
  (func $local (param "s" string) (result u32)
    (canon lift (core func $i "local") (memory $memory) (realloc $realloc) string-encoding=utf8))
  (instance $app
    (export "via-host" (func $via-host))
    (export "via-host-raw" (func $via-host-raw))
    (export "local" (func $local)))
  (export "wharf:bench/app@1.0.0" (instance $app))
)
