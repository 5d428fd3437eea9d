;; top-level: a function import and a function export outside any interface.
;;   quad(x) = double(double(x)), double being the host's top-level import
(component
  (import "double" (func $double (param "x" u32) (result u32)))
  (core func $d (canon lower (func $double)))
  (core module $m
    (import "" "double" (func $d (param i32) (result i32)))
    (func (export "quad") (param i32) (result i32) (call $d (call $d (local.get 0)))))
  (core instance $i (instantiate $m (with "" (instance (export "double" (func $d))))))
  (func $quad (param "x" u32) (result u32) (canon lift (core func $i "quad")))
  (export "quad" (func $quad))
)
