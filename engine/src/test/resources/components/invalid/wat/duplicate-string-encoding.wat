(component
  (core module $m (memory (export "memory") 1) (func (export "f") (param i32 i32)) (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0))
  (core instance $i (instantiate $m))
  (alias core export $i "f" (core func $f))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))
  (func (param "s" string) (canon lift (core func $f) (memory $mem) (realloc $realloc) string-encoding=utf8 string-encoding=utf16))
)
