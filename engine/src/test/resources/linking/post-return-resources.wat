;; post-return-resources: post-return functions that use the resource built-ins. The spec clears
;; may_leave during post-return; canon resource.new and resource.drop then trap (CANNOT_LEAVE),
;; resource.rep does not.
;;   keep(rep) -> u32          resource.new(rep), remembers the handle, returns it
;;   drop-after() -> u32       returns 0; its post-return drops the remembered handle (traps)
;;   new-after() -> u32        returns 0; its post-return calls resource.new (traps)
;;   rep-after() -> u32        returns 0; its post-return reads the remembered handle's rep
;;   last-rep() -> u32         the rep read by rep-after's post-return
;;   drop-now() -> u32         drops the remembered handle in the call itself (allowed), returns 1
(component
  (type $r (resource (rep i32)))
  (core func $new (canon resource.new $r))
  (core func $rep (canon resource.rep $r))
  (core func $drop (canon resource.drop $r))
  (core module $m
    (import "r" "new" (func $new (param i32) (result i32)))
    (import "r" "rep" (func $rep (param i32) (result i32)))
    (import "r" "drop" (func $drop (param i32)))
    (global $h (mut i32) (i32.const 0))
    (global $last (mut i32) (i32.const 0))
    (func (export "keep") (param i32) (result i32)
      (global.set $h (call $new (local.get 0)))
      (global.get $h))
    (func (export "zero") (result i32) (i32.const 0))
    (func (export "post-drop") (param i32) (call $drop (global.get $h)))
    (func (export "post-new") (param i32) (drop (call $new (i32.const 99))))
    (func (export "post-rep") (param i32) (global.set $last (call $rep (global.get $h))))
    (func (export "last-rep") (result i32) (global.get $last))
    (func (export "drop-now") (result i32) (call $drop (global.get $h)) (i32.const 1)))
  (core instance $i (instantiate $m
    (with "r" (instance (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop))))))
  (func (export "keep") (param "rep" u32) (result u32) (canon lift (core func $i "keep")))
  (func (export "drop-after") (result u32) (canon lift (core func $i "zero") (post-return (core func $i "post-drop"))))
  (func (export "new-after") (result u32) (canon lift (core func $i "zero") (post-return (core func $i "post-new"))))
  (func (export "rep-after") (result u32) (canon lift (core func $i "zero") (post-return (core func $i "post-rep"))))
  (func (export "last-rep") (result u32) (canon lift (core func $i "last-rep")))
  (func (export "drop-now") (result u32) (canon lift (core func $i "drop-now")))
)
