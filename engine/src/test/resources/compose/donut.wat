;; donut: a parent component wrapping a child that calls back into the parent ("donut wrapping"),
;; which the spec's may_enter rule allows, and a parent calling back into the child while the child
;; is running, which it forbids.
;;   run(): the parent's $M2 calls the child's f, which calls the parent's g (in $M1). g counts the
;;          call; once arm() was called, g also calls the child's f again through $M1's table (the
;;          child is running: CANNOT_ENTER).
;;   calls(): how many times g ran.   child-f(): the child's f, called straight from the host.
(component
  (core module $M1
    (type $v (func))
    (table (export "t") 1 funcref)
    (global $armed (mut i32) (i32.const 0))
    (global $calls (mut i32) (i32.const 0))
    (func (export "g")
      (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
      (if (global.get $armed) (then (call_indirect (type $v) (i32.const 0)))))
    (func (export "arm") (global.set $armed (i32.const 1)))
    (func (export "calls") (result i32) (global.get $calls)))
  (core instance $m1 (instantiate $M1))
  (func $g (canon lift (core func $m1 "g")))

  (component $Child
    (import "g" (func $g))
    (core func $g-l (canon lower (func $g)))
    (core module $C
      (import "parent" "g" (func $g))
      (func (export "f") (call $g)))
    (core instance $c (instantiate $C (with "parent" (instance (export "g" (func $g-l))))))
    (func (export "f") (canon lift (core func $c "f"))))

  (instance $child (instantiate $Child (with "g" (func $g))))
  (alias export $child "f" (func $f))
  (core func $f-l (canon lower (func $f)))
  (core module $M2
    (import "m1" "t" (table $t 1 funcref))
    (import "child" "f" (func $f))
    (elem (table $t) (i32.const 0) func $f)
    (func (export "run") (call $f)))
  (core instance $m2 (instantiate $M2
    (with "m1" (instance $m1))
    (with "child" (instance (export "f" (func $f-l))))))
  (func $run (canon lift (core func $m2 "run")))
  (func $arm (canon lift (core func $m1 "arm")))
  (func $calls (result u32) (canon lift (core func $m1 "calls")))
  (export "run" (func $run))
  (export "arm" (func $arm))
  (export "calls" (func $calls))
  (export "child-f" (func $f))
)
