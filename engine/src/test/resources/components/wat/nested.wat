(component
  (import "log" (func $log (param "msg" string)))
  (component $child
    (import "log" (func (param "msg" string)))
    (type $u u32)
    (import "level" (type (eq $u)))
    (type $list (list u8))
    (export "bytes" (type $list))
  )
  (type $lvl u32)
  (instance $c (instantiate $child (with "log" (func $log)) (with "level" (type $lvl))))
  (alias export $c "bytes" (type $bytes))
  (type $outer-alias-test (component
    (alias outer 1 $lvl (type $x))
    (import "f" (func (param "x" $x)))
  ))
  (core type $mt (module
    (type $t (func (param i32)))
    (import "env" "f" (func (type $t)))
    (export "memory" (memory 1))
  ))
  (import "m" (core module $m (type $mt)))
  (export "child-bytes" (type $bytes))
)
