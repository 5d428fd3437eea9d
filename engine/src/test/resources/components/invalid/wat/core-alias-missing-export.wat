(component
  (core module $m (func (export "f")))
  (core instance $i (instantiate $m))
  (alias core export $i "f" (core func $f))
  (core instance $bundle (export "g" (func $f)))
  (alias core export $bundle "nope" (core func))
)
