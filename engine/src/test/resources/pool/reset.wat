;; reset: the component behind the pooling and reset tests (dev.wharf.engine.pool). It imports
;; resource cell from the host (wharf:test/cells@1.0.0) and exports wharf:test/reset@1.0.0, whose
;; functions write state of every kind a reset must undo:
;;   poke(addr, v) / peek(addr) -> u32   linear memory (one page initially, no maximum)
;;   bump() -> u32                       a mutable global, incremented and returned
;;   grow(pages) -> u32                  memory.grow; returns the old size in pages
;;   pages() -> u32                      memory.size
;;   table-set() / table-is-set() -> u32 slot 0 of a funcref table, null initially
;;   make-cell(init) -> u32              constructs a host cell and keeps the handle; returns its index
;;   read-cell(h) -> u32                 cell.get through handle index h (traps on a bad index)
;;   drop-cell(h)                        resource.drop of handle index h
;;   make-raw(init) -> u32               cell.make-raw (a raw host function creating the own handle),
;;                                       read through the handle, then dropped: returns the value
;;   fail()                              unreachable
;;   spin()                              loops forever (for interrupts)
;; Encode with: ../../../../../src-test/guests/node_modules/.bin/jco parse reset.wat -o reset.wasm
(component
  (import "wharf:test/cells@1.0.0" (instance $cells
    (export "cell" (type $c (sub resource)))
    (export "[constructor]cell" (func (param "init" u32) (result (own $c))))
    (export "[method]cell.get" (func (param "self" (borrow $c)) (result u32)))
    (export "make-raw" (func (param "init" u32) (result (own $c))))))
  (alias export $cells "cell" (type $cell))
  (alias export $cells "[constructor]cell" (func $ctor))
  (alias export $cells "[method]cell.get" (func $get))
  (alias export $cells "make-raw" (func $host-make-raw))
  (core func $ctor-l (canon lower (func $ctor)))
  (core func $get-l (canon lower (func $get)))
  (core func $make-raw-l (canon lower (func $host-make-raw)))
  (core func $drop-l (canon resource.drop $cell))
  (core module $m
    (import "h" "ctor" (func $ctor (param i32) (result i32)))
    (import "h" "get" (func $get (param i32) (result i32)))
    (import "h" "make-raw" (func $make-raw (param i32) (result i32)))
    (import "h" "drop" (func $drop (param i32)))
    (memory 1)
    (table 1 funcref)
    (global $counter (mut i32) (i32.const 0))
    (func $target)
    (elem declare func $target)
    (func (export "poke") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
    (func (export "peek") (param i32) (result i32) (i32.load (local.get 0)))
    (func (export "bump") (result i32)
      (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
      (global.get $counter))
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
    (func (export "pages") (result i32) (memory.size))
    (func (export "table-set") (table.set (i32.const 0) (ref.func $target)))
    (func (export "table-is-set") (result i32) (i32.eqz (ref.is_null (table.get (i32.const 0)))))
    (func (export "make-cell") (param i32) (result i32) (call $ctor (local.get 0)))
    (func (export "read-cell") (param i32) (result i32) (call $get (local.get 0)))
    (func (export "drop-cell") (param i32) (call $drop (local.get 0)))
    (func (export "make-raw") (param i32) (result i32) (local $h i32) (local $v i32)
      (local.set $h (call $make-raw (local.get 0)))
      (local.set $v (call $get (local.get $h)))
      (call $drop (local.get $h))
      (local.get $v))
    (func (export "fail") unreachable)
    (func (export "spin") (loop $l (br $l))))
  (core instance $i (instantiate $m (with "h" (instance
    (export "ctor" (func $ctor-l))
    (export "get" (func $get-l))
    (export "make-raw" (func $make-raw-l))
    (export "drop" (func $drop-l))))))
  (func $poke (param "addr" u32) (param "v" u32) (canon lift (core func $i "poke")))
  (func $peek (param "addr" u32) (result u32) (canon lift (core func $i "peek")))
  (func $bump (result u32) (canon lift (core func $i "bump")))
  (func $grow (param "pages" u32) (result u32) (canon lift (core func $i "grow")))
  (func $pages (result u32) (canon lift (core func $i "pages")))
  (func $table-set (canon lift (core func $i "table-set")))
  (func $table-is-set (result u32) (canon lift (core func $i "table-is-set")))
  (func $make-cell (param "init" u32) (result u32) (canon lift (core func $i "make-cell")))
  (func $read-cell (param "h" u32) (result u32) (canon lift (core func $i "read-cell")))
  (func $drop-cell (param "h" u32) (canon lift (core func $i "drop-cell")))
  (func $make-raw (param "init" u32) (result u32) (canon lift (core func $i "make-raw")))
  (func $fail (canon lift (core func $i "fail")))
  (func $spin (canon lift (core func $i "spin")))
  (instance $app
    (export "poke" (func $poke))
    (export "peek" (func $peek))
    (export "bump" (func $bump))
    (export "grow" (func $grow))
    (export "pages" (func $pages))
    (export "table-set" (func $table-set))
    (export "table-is-set" (func $table-is-set))
    (export "make-cell" (func $make-cell))
    (export "read-cell" (func $read-cell))
    (export "drop-cell" (func $drop-cell))
    (export "make-raw" (func $make-raw))
    (export "fail" (func $fail))
    (export "spin" (func $spin)))
  (export "wharf:test/reset@1.0.0" (instance $app))
)
