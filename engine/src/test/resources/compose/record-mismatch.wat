;; record-mismatch: $User imports a function over record {x, y}; the argument's record is {x, z} (invalid:
;; records are equal only with the same field names and types).
(component
  (component $Lib
    (core module $m (func (export "f") (param i32 i32) (result i32) local.get 0))
    (core instance $i (instantiate $m))
    (type $r (record (field "x" u32) (field "z" u32)))
    (export $r2 "r" (type $r))
    (func (export "f") (param "p" $r2) (result u32) (canon lift (core func $i "f"))))
  (component $User
    (import "lib" (instance
      (type $rr (record (field "x" u32) (field "y" u32)))
      (export "r" (type $r (eq $rr)))
      (export "f" (func (param "p" $r) (result u32))))))
  (instance $lib (instantiate $Lib))
  (instance $user (instantiate $User (with "lib" (instance $lib))))
)
