;; versioned-exports: the same small interface exported under several versions, for the semver
;; rules of export lookup (ComponentInstance.function, ComponentPlan.exportedInterface).
;;   wharf:test/solo@0.2.10      answer() -> 10
;;   wharf:test/twice@0.2.3      answer() -> 3   } two compatible versions: only exact names are
;;   wharf:test/twice@0.2.10     answer() -> 10  } unambiguous
;;   wharf:test/major@1.4.0      answer() -> 14
;;   wharf:test/zero@0.0.1       answer() -> 1   (0.0.x: exact only)
;;   wharf:test/pre@0.3.0-rc.1   answer() -> 30  (pre-release: exact only)
(component
  (core module $m
    (func (export "a1") (result i32) (i32.const 1))
    (func (export "a3") (result i32) (i32.const 3))
    (func (export "a10") (result i32) (i32.const 10))
    (func (export "a14") (result i32) (i32.const 14))
    (func (export "a30") (result i32) (i32.const 30)))
  (core instance $i (instantiate $m))
  (func $a1 (result u32) (canon lift (core func $i "a1")))
  (func $a3 (result u32) (canon lift (core func $i "a3")))
  (func $a10 (result u32) (canon lift (core func $i "a10")))
  (func $a14 (result u32) (canon lift (core func $i "a14")))
  (func $a30 (result u32) (canon lift (core func $i "a30")))
  (instance $solo (export "answer" (func $a10)))
  (instance $twice3 (export "answer" (func $a3)))
  (instance $twice10 (export "answer" (func $a10)))
  (instance $major (export "answer" (func $a14)))
  (instance $zero (export "answer" (func $a1)))
  (instance $pre (export "answer" (func $a30)))
  (export "wharf:test/solo@0.2.10" (instance $solo))
  (export "wharf:test/twice@0.2.3" (instance $twice3))
  (export "wharf:test/twice@0.2.10" (instance $twice10))
  (export "wharf:test/major@1.4.0" (instance $major))
  (export "wharf:test/zero@0.0.1" (instance $zero))
  (export "wharf:test/pre@0.3.0-rc.1" (instance $pre))
)
