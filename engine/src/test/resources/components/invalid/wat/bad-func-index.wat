(component
  (export "run" (func 3))
)
