(component
  (import "get" (func $get (result string)))
  (core module $m (memory (export "memory") 1))
  (core instance $i (instantiate $m))
  (alias core export $i "memory" (core memory $mem))
  (core func (canon lower (func $get) (memory $mem)))
)
