;; toolchain-init: two constructs of wit-component output that foreign toolchains rely on.
;; - A main module exporting "_start" (a wasi command built with the preview1 adapter): core instantiation
;;   must not call it; the adapter calls it from wasi:cli/run. Here it traps, so calling it at
;;   instantiation would fail; the component's own "start-calls" export counts how often it ran.
;; - An initializer module importing a function named ("" "") with a start section (how wit-component runs
;;   TinyGo's _initialize): it must load and its start must run once, at instantiation.
(component
  (core module $main
    (global $initialized (mut i32) (i32.const 0))
    (global $starts (mut i32) (i32.const 0))
    (func (export "_start")
      (global.set $starts (i32.add (global.get $starts) (i32.const 1)))
      unreachable)
    (func (export "_initialize")
      (global.set $initialized (i32.add (global.get $initialized) (i32.const 1))))
    (func (export "initialized") (result i32) (global.get $initialized))
    (func (export "start-calls") (result i32) (global.get $starts)))
  (core instance $m (instantiate $main))
  (core module $init
    (import "" "" (func $f))
    (start $f))
  (core instance (instantiate $init (with "" (instance (export "" (func $m "_initialize"))))))
  (func (export "initialized") (result u32) (canon lift (core func $m "initialized")))
  (func (export "start-calls") (result u32) (canon lift (core func $m "start-calls")))
  (func (export "run-start") (canon lift (core func $m "_start")))
)
