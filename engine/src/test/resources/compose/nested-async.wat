;; nested-async: a nested component lifting an async function, which the engine does not run yet.
(component
  (component $Inner
    (core module $m (func (export "f")))
    (core instance $i (instantiate $m))
    (func (export "f") async (canon lift (core func $i "f") async)))
  (instance $inner (instantiate $Inner))
  (alias export $inner "f" (func $f))
  (export "f" (func $f))
)
