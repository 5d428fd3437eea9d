;; lower-type-mismatch: a core module imports a lowered host function with the wrong core signature
;; (i64 instead of i32); jco parse does not validate, the planner refuses it.
(component
  (import "double" (func $double (param "x" u32) (result u32)))
  (core func $d (canon lower (func $double)))
  (core module $m (import "" "double" (func $d (param i64) (result i32))))
  (core instance $i (instantiate $m (with "" (instance (export "double" (func $d))))))
)
