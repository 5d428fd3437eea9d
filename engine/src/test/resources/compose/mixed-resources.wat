;; mixed-resources: $Counters instantiated twice defines two resource types; an instance made of the
;; second one's `counter` and the first one's constructor (as "make") does not satisfy $User's import (invalid).
(component
  (component $Counters
    (type $counter (resource (rep i32)))
    (core func $new (canon resource.new $counter))
    (core module $m
      (import "canon" "new" (func $new (param i32) (result i32)))
      (func (export "ctor") (param i32) (result i32) (call $new (local.get 0))))
    (core instance $i (instantiate $m (with "canon" (instance (export "new" (func $new))))))
    (export $c "counter" (type $counter))
    (func (export "[constructor]counter") (param "start" u32) (result (own $c))
      (canon lift (core func $i "ctor"))))
  (component $User
    (import "counters" (instance
      (export "counter" (type $c (sub resource)))
      (export "make" (func (param "start" u32) (result (own $c)))))))
  (instance $one (instantiate $Counters))
  (instance $two (instantiate $Counters))
  (alias export $two "counter" (type $counter2))
  (alias export $one "[constructor]counter" (func $ctor1))
  (instance $mixed (export "counter" (type $counter2)) (export "make" (func $ctor1)))
  (instance $user (instantiate $User (with "counters" (instance $mixed))))
)
