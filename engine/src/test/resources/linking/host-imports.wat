;; host-imports: a component that imports host functions from wharf:test/host@1.0.0 and exports
;; wharf:test/app@1.0.0, for the linker tests.
;;   add-twice(a, b) = host.add(host.add(a, b), b)                scalars lowered without memory
;;   greet-via-host(name) = host.log(name); return host.greet(name) a string lowered into the host and a
;;                                                                 string the host returns lowered back
;;                                                                 (allocated with the guest's realloc,
;;                                                                 written through the return pointer)
(component
  (import "wharf:test/host@1.0.0" (instance $host
    (export "add" (func (param "a" u32) (param "b" u32) (result u32)))
    (export "greet" (func (param "name" string) (result string)))
    (export "log" (func (param "msg" string)))))
  (core module $mem
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
      (local.get $p)))
  (core instance $m (instantiate $mem))
  (alias core export $m "memory" (core memory $memory))
  (alias core export $m "cabi_realloc" (core func $realloc))
  (alias export $host "add" (func $add))
  (alias export $host "greet" (func $greet))
  (alias export $host "log" (func $log))
  (core func $add-lowered (canon lower (func $add)))
  (core func $greet-lowered (canon lower (func $greet) (memory $memory) (realloc $realloc) string-encoding=utf8))
  (core func $log-lowered (canon lower (func $log) (memory $memory) string-encoding=utf8))
  (core module $main
    (import "host" "add" (func $add (param i32 i32) (result i32)))
    (import "host" "greet" (func $greet (param i32 i32 i32)))
    (import "host" "log" (func $log (param i32 i32)))
    (import "mem" "memory" (memory 1))
    (func (export "add-twice") (param i32 i32) (result i32)
      (call $add (call $add (local.get 0) (local.get 1)) (local.get 1)))
    ;; the host writes (ptr, len) of its result at address 16, which is also our return area
    (func (export "greet-via-host") (param i32 i32) (result i32)
      (call $log (local.get 0) (local.get 1))
      (call $greet (local.get 0) (local.get 1) (i32.const 16))
      (i32.const 16)))
  (core instance $i (instantiate $main
    (with "host" (instance
      (export "add" (func $add-lowered))
      (export "greet" (func $greet-lowered))
      (export "log" (func $log-lowered))))
    (with "mem" (instance $m))))
  (func $add-twice (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add-twice")))
  (func $greet-via-host (param "name" string) (result string)
    (canon lift (core func $i "greet-via-host") (memory $memory) (realloc $realloc) string-encoding=utf8))
  (instance $app
    (export "add-twice" (func $add-twice))
    (export "greet-via-host" (func $greet-via-host)))
  (export "wharf:test/app@1.0.0" (instance $app))
)
