;; start-shim: the shape wit-component (behind wasm-component-ld, cargo-component and jco) gives a component whose
;; main module exports _initialize: a one-function shim module, instantiated after main, whose start function calls
;; an import with an empty module AND field name. initialized() is 42 only if _initialize ran.
(component
  (core module $main
    (global $ready (mut i32) (i32.const 0))
    (func (export "_initialize") (global.set $ready (i32.const 42)))
    (func (export "initialized") (result i32) (global.get $ready)))
  (core instance $main (instantiate $main))
  (core module $start-shim
    (import "" "" (func))
    (start 0))
  (core instance (instantiate $start-shim (with "" (instance (export "" (func $main "_initialize"))))))
  (func $initialized (result u32) (canon lift (core func $main "initialized")))
  (export "initialized" (func $initialized)))
