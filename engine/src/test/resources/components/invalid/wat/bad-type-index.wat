(component
  (import "a" (func (type 7)))
)
