;; post-return-calls-import: the post-return function of get calls the host's log import, which the
;; component model forbids (may_leave is false during post-return); calling get must trap.
(component
  (import "log" (func $log (param "msg" string)))
  (core module $mem
    (memory (export "memory") 1))
  (core instance $m (instantiate $mem))
  (alias core export $m "memory" (core memory $memory))
  (core func $log-lowered (canon lower (func $log) (memory $memory)))
  (core module $main
    (import "host" "log" (func $log (param i32 i32)))
    (func (export "get") (result i32) (i32.const 7))
    (func (export "post-get") (param i32) (call $log (i32.const 0) (i32.const 0))))
  (core instance $i (instantiate $main (with "host" (instance (export "log" (func $log-lowered))))))
  (func $get (result u32) (canon lift (core func $i "get") (post-return (core func $i "post-get"))))
  (export "get" (func $get))
)
