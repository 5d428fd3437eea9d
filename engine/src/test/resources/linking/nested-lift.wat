;; nested-lift: a nested component with its own core module and canon lift, re-exported by the outer one.
(component
  (component $inner
    (core module $m (func (export "f") (result i32) i32.const 7))
    (core instance $i (instantiate $m))
    (func $f (result u32) (canon lift (core func $i "f")))
    (export "f" (func $f)))
  (instance $x (instantiate $inner))
  (alias export $x "f" (func $f))
  (export "f" (func $f))
)
