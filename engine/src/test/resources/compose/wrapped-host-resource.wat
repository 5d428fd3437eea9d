;; wrapped-host-resource: linking/host-resource.wat as a nested component, the way wac wraps a component
;; it composes: the outer component imports the host's cells and passes them on, and re-exports the
;; nested instance's cell-user interface. The nested component's canon lower, resource.drop and lifts
;; use the host's resource type.
(component
  (import "wharf:test/cells@1.0.0" (instance $cells
    (export "cell" (type $c (sub resource)))
    (export "[constructor]cell" (func (param "init" u32) (result (own $c))))
    (export "[method]cell.get" (func (param "self" (borrow $c)) (result u32)))))
  (component $User
    (import "wharf:test/cells@1.0.0" (instance $cells
      (export "cell" (type $c (sub resource)))
      (export "[constructor]cell" (func (param "init" u32) (result (own $c))))
      (export "[method]cell.get" (func (param "self" (borrow $c)) (result u32)))))
    (alias export $cells "cell" (type $cell))
    (alias export $cells "[constructor]cell" (func $ctor))
    (alias export $cells "[method]cell.get" (func $get))
    (core func $ctor-l (canon lower (func $ctor)))
    (core func $get-l (canon lower (func $get)))
    (core func $drop-l (canon resource.drop $cell))
    (core module $m
      (import "h" "ctor" (func $ctor (param i32) (result i32)))
      (import "h" "get" (func $get (param i32) (result i32)))
      (import "h" "drop" (func $drop (param i32)))
      (global $kept (mut i32) (i32.const 0))
      (func (export "make-and-read") (param i32) (result i32) (local $h i32) (local $v i32)
        (local.set $h (call $ctor (local.get 0)))
        (local.set $v (call $get (local.get $h)))
        (call $drop (local.get $h))
        (local.get $v))
      (func (export "read") (param i32) (result i32) (local $v i32)
        (local.set $v (call $get (local.get 0)))
        (call $drop (local.get 0))
        (local.get $v))
      (func (export "keep") (param i32) (result i32) (global.set $kept (local.get 0)) (local.get 0))
      (func (export "release") (call $drop (global.get $kept))))
    (core instance $i (instantiate $m (with "h" (instance
      (export "ctor" (func $ctor-l))
      (export "get" (func $get-l))
      (export "drop" (func $drop-l))))))
    (func $make-and-read (param "init" u32) (result u32) (canon lift (core func $i "make-and-read")))
    (func $read (param "c" (borrow $cell)) (result u32) (canon lift (core func $i "read")))
    (func $keep (param "c" (own $cell)) (result u32) (canon lift (core func $i "keep")))
    (func $release (canon lift (core func $i "release")))
    (instance $app
      (export "make-and-read" (func $make-and-read))
      (export "read" (func $read))
      (export "keep" (func $keep))
      (export "release" (func $release)))
    (export "wharf:test/cell-user@1.0.0" (instance $app))
  )
  (instance $user (instantiate $User (with "wharf:test/cells@1.0.0" (instance $cells))))
  (alias export $user "wharf:test/cell-user@1.0.0" (instance $app))
  (export "wharf:test/cell-user@1.0.0" (instance $app))
)
