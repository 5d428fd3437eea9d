;; realloc-calls-import: the guest's cabi_realloc calls the host's log import. The spec's
;; `reallocate` clears may_leave, so lowering a string into take (which calls realloc) must trap
;; with CANNOT_LEAVE; len, which takes no string, still works.
(component
  (import "log" (func $log (param "msg" string)))
  (core module $mem
    (memory (export "memory") 1))
  (core instance $m (instantiate $mem))
  (alias core export $m "memory" (core memory $memory))
  (core func $log-lowered (canon lower (func $log) (memory $memory)))
  (core module $main
    (import "host" "log" (func $log (param i32 i32)))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (call $log (i32.const 0) (i32.const 0))
      (i32.const 64))
    (func (export "take") (param i32 i32) (result i32) (local.get 1))
    (func (export "len") (result i32) (i32.const 5)))
  (core instance $i (instantiate $main (with "host" (instance (export "log" (func $log-lowered))))))
  (func (export "take") (param "s" string) (result u32)
    (canon lift (core func $i "take") (memory $memory) (realloc (core func $i "realloc"))))
  (func (export "len") (result u32) (canon lift (core func $i "len")))
)
