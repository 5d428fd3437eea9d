;; abi-resources: a guest-defined resource, exported as wharf:abi/resources.
;;   resource counter {
;;     constructor(init: u32);        own<counter> whose state (a u32 cell in linear memory) starts at init
;;     increment: func() -> u32;      adds 1, returns the new value           (self: borrow<counter>)
;;     get: func() -> u32;                                                    (self: borrow<counter>)
;;   }
;;   read-counter: func(c: borrow<counter>) -> u32     the value, through a borrow passed to a free function
;;   consume: func(c: own<counter>) -> u32             takes ownership, returns the value, drops the handle
;;                                                     (which runs the destructor)
;;   dropped-count: func() -> u32                      how many counters the destructor has run for
;; The destructor lives in core module $state (which owns the memory) because the resource type must
;; name it before module $impl can import resource.new/rep/drop for that type.
(component
  (core module $state
    (memory (export "memory") 1)
    ;; address 0: dropped count; counters are 4-byte cells from the bump allocator (starts at 1024)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (global.set $bump (i32.add (local.get $p) (local.get $new_size)))
      (if (i32.gt_u (global.get $bump) (i32.shl (memory.size) (i32.const 16)))
        (then (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $bump) (i32.shl (memory.size) (i32.const 16))) (i32.const 16)) (i32.const 1)))
                          (i32.const -1))
                (then unreachable))))
      (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old) (local.get $old_size))))
      (local.get $p))
    ;; destructor: receives the rep (the cell address); poisons the cell and counts the drop
    (func (export "counter-dtor") (param $rep i32)
      (i32.store (local.get $rep) (i32.const 0xdead))
      (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1))))
  )
  (core instance $s (instantiate $state))
  (alias core export $s "memory" (core memory $mem))
  (alias core export $s "cabi_realloc" (core func $realloc))

  (type $counter (resource (rep i32) (dtor (core func $s "counter-dtor"))))
  (core func $counter-new (canon resource.new $counter))
  (core func $counter-rep (canon resource.rep $counter))
  (core func $counter-drop (canon resource.drop $counter))

  (core module $impl
    (import "state" "memory" (memory 1))
    (import "state" "cabi_realloc" (func $realloc (param i32 i32 i32 i32) (result i32)))
    (import "res" "new" (func $new (param i32) (result i32)))
    (import "res" "rep" (func $rep (param i32) (result i32)))
    (import "res" "drop" (func $drop (param i32)))
    (func (export "constructor") (param $init i32) (result i32)
      (local $cell i32)
      (local.set $cell (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 4)))
      (i32.store (local.get $cell) (local.get $init))
      (call $new (local.get $cell)))
    ;; a borrow of a resource this component defines is lifted as its rep
    (func (export "increment") (param $rep i32) (result i32)
      (i32.store (local.get $rep) (i32.add (i32.load (local.get $rep)) (i32.const 1)))
      (i32.load (local.get $rep)))
    (func (export "get") (param $rep i32) (result i32) (i32.load (local.get $rep)))
    ;; an own is lifted as a handle in this component's table
    (func (export "consume") (param $handle i32) (result i32)
      (local $v i32)
      (local.set $v (i32.load (call $rep (local.get $handle))))
      (call $drop (local.get $handle))
      (local.get $v))
    (func (export "dropped-count") (result i32) (i32.load (i32.const 0)))
  )
  (core instance $i (instantiate $impl
    (with "state" (instance $s))
    (with "res" (instance
      (export "new" (func $counter-new))
      (export "rep" (func $counter-rep))
      (export "drop" (func $counter-drop))))))

  (func $ctor (param "init" u32) (result (own $counter)) (canon lift (core func $i "constructor")))
  (func $increment (param "self" (borrow $counter)) (result u32) (canon lift (core func $i "increment")))
  (func $get (param "self" (borrow $counter)) (result u32) (canon lift (core func $i "get")))
  (func $read-counter (param "c" (borrow $counter)) (result u32) (canon lift (core func $i "get")))
  (func $consume (param "c" (own $counter)) (result u32) (canon lift (core func $i "consume")))
  (func $dropped-count (result u32) (canon lift (core func $i "dropped-count")))

  (component $shim
    (import "import-type-counter" (type $counter-i (sub resource)))
    (import "import-constructor-counter" (func $f-ctor (param "init" u32) (result (own $counter-i))))
    (import "import-method-counter-increment" (func $f-inc (param "self" (borrow $counter-i)) (result u32)))
    (import "import-method-counter-get" (func $f-get (param "self" (borrow $counter-i)) (result u32)))
    (import "import-func-read-counter" (func $f-read (param "c" (borrow $counter-i)) (result u32)))
    (import "import-func-consume" (func $f-consume (param "c" (own $counter-i)) (result u32)))
    (import "import-func-dropped-count" (func $f-dropped (result u32)))
    (export $counter-e "counter" (type $counter-i))
    (export "[constructor]counter" (func $f-ctor) (func (param "init" u32) (result (own $counter-e))))
    (export "[method]counter.increment" (func $f-inc) (func (param "self" (borrow $counter-e)) (result u32)))
    (export "[method]counter.get" (func $f-get) (func (param "self" (borrow $counter-e)) (result u32)))
    (export "read-counter" (func $f-read) (func (param "c" (borrow $counter-e)) (result u32)))
    (export "consume" (func $f-consume) (func (param "c" (own $counter-e)) (result u32)))
    (export "dropped-count" (func $f-dropped))
  )
  (instance $resources (instantiate $shim
    (with "import-type-counter" (type $counter))
    (with "import-constructor-counter" (func $ctor))
    (with "import-method-counter-increment" (func $increment))
    (with "import-method-counter-get" (func $get))
    (with "import-func-read-counter" (func $read-counter))
    (with "import-func-consume" (func $consume))
    (with "import-func-dropped-count" (func $dropped-count))))
  (export "wharf:abi/resources" (instance $resources))
)
