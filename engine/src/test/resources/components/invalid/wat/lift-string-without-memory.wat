(component
  (core module $m (func (export "f") (param i32 i32)))
  (core instance $i (instantiate $m))
  (alias core export $i "f" (core func $f))
  (type $ft (func (param "s" string)))
  (func $lifted (type $ft) (canon lift (core func $f)))
  (export "run" (func $lifted))
)
