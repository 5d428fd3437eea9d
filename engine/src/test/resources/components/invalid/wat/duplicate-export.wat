(component
  (type $ft (func))
  (import "a" (func $a (type $ft)))
  (export "run" (func $a))
  (export "RUN" (func $a))
)
