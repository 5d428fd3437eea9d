;; missing-export: $User imports an instance exporting f and g; the argument exports only f (invalid).
(component
  (component $Lib
    (core module $m (func (export "f") (result i32) i32.const 1))
    (core instance $i (instantiate $m))
    (func (export "f") (result u32) (canon lift (core func $i "f"))))
  (component $User
    (import "lib" (instance
      (export "f" (func (result u32)))
      (export "g" (func (result u32))))))
  (instance $lib (instantiate $Lib))
  (instance $user (instantiate $User (with "lib" (instance $lib))))
)
